// Hand-written output-stationary systolic array, the Verilator peer of Tessera's cycle mode in
// bench/sim-throughput.bench.ts. Same registers per PE as the simulator's integer row kernel
// (docs/sim-cycle-model.md): the operand registers a and w (one weight per output lane) with the
// last-of-group tag, an INT32 accumulator per lane, and a group-partial register per lane written on
// the group's last operand. KP > 1 fuses KP products of consecutive k into one sum per lane and cycle
// (BitFusion's and ANT's fused modes). A readout mux selects one lane of one PE, so no PE can be
// optimized away.
module os_pe #(parameter WA = 8, parameter WW = 8, parameter LANES = 1, parameter KP = 1) (
  input  wire                     clk,
  input  wire [KP*WA-1:0]         a_in,
  input  wire [LANES*KP*WW-1:0]   w_in,
  input  wire                     last_in,
  output reg  [KP*WA-1:0]         a_out,
  output reg  [LANES*KP*WW-1:0]   w_out,
  output reg                      last_out,
  output wire [LANES*32-1:0]      gp
);
  genvar j;
  generate
    for (j = 0; j < LANES; j = j + 1) begin : lane
      reg  signed [31:0] acc;
      reg  signed [31:0] gp_r;
      // The KP products of the cycle summed into the accumulator.
      reg  signed [31:0] sum;
      integer i;
      always @* begin
        sum = acc;
        for (i = 0; i < KP; i = i + 1) sum = sum + $signed(a_out[i*WA +: WA]) * $signed(w_out[(j*KP + i)*WW +: WW]);
      end
      initial begin acc = 0; gp_r = 0; end
      always @(posedge clk) begin
        if (last_out) begin gp_r <= sum; acc <= 32'sd0; end
        else acc <= sum;
      end
      assign gp[j*32 +: 32] = gp_r;
    end
  endgenerate
  initial begin a_out = 0; w_out = 0; last_out = 0; end
  always @(posedge clk) begin
    a_out <= a_in;
    w_out <= w_in;
    last_out <= last_in;
  end
endmodule

module os_array #(parameter R = 8, parameter C = 8, parameter WA = 8, parameter WW = 8, parameter LANES = 1, parameter KP = 1) (
  input  wire                 clk,
  input  wire [R*KP*WA-1:0]   a_feed,
  input  wire [R-1:0]         last_feed,
  input  wire [C*LANES*KP*WW-1:0] w_feed,
  input  wire [15:0]          sel_r,
  input  wire [15:0]          sel_c,
  input  wire [7:0]           sel_l,
  output wire signed [31:0]   gp_out
);
  wire [KP*WA-1:0]          a_bus [0:R-1][0:C];
  wire                      l_bus [0:R-1][0:C];
  wire [LANES*KP*WW-1:0]    w_bus [0:R][0:C-1];
  wire [LANES*32-1:0]       gp_bus [0:R*C-1];
  genvar r, c;
  generate
    for (r = 0; r < R; r = r + 1) begin : row
      assign a_bus[r][0] = a_feed[r*KP*WA +: KP*WA];
      assign l_bus[r][0] = last_feed[r];
      for (c = 0; c < C; c = c + 1) begin : col
        if (r == 0) begin : top
          assign w_bus[0][c] = w_feed[c*LANES*KP*WW +: LANES*KP*WW];
        end
        os_pe #(.WA(WA), .WW(WW), .LANES(LANES), .KP(KP)) pe (
          .clk(clk), .a_in(a_bus[r][c]), .w_in(w_bus[r][c]), .last_in(l_bus[r][c]),
          .a_out(a_bus[r][c+1]), .w_out(w_bus[r+1][c]), .last_out(l_bus[r][c+1]), .gp(gp_bus[r*C+c])
        );
      end
    end
  endgenerate
  wire [LANES*32-1:0] selected = gp_bus[sel_r * C + sel_c];
  assign gp_out = selected[sel_l*32 +: 32];
endmodule
