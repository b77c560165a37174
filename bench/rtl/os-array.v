// Hand-written output-stationary systolic array, the Verilator peer of Tessera's cycle mode in
// bench/sim-throughput.bench.ts (until hdl-gen emits the array). Same registers per PE as the
// simulator's integer row kernel (docs/sim-cycle-model.md): operand registers a and w with the
// last-of-group tag, an INT32 accumulator, and a group-partial register written on the group's
// last operand. A readout mux selects one PE's group partial, so no PE can be optimized away.
module os_pe #(parameter WA = 8, parameter WW = 8) (
  input  wire                 clk,
  input  wire signed [WA-1:0] a_in,
  input  wire signed [WW-1:0] w_in,
  input  wire                 last_in,
  output reg  signed [WA-1:0] a_out,
  output reg  signed [WW-1:0] w_out,
  output reg                  last_out,
  output reg  signed [31:0]   gp
);
  reg  signed [31:0] acc;
  wire signed [31:0] sum = acc + a_out * w_out;
  initial begin a_out = 0; w_out = 0; last_out = 0; gp = 0; acc = 0; end
  always @(posedge clk) begin
    if (last_out) begin gp <= sum; acc <= 32'sd0; end
    else acc <= sum;
    a_out <= a_in;
    w_out <= w_in;
    last_out <= last_in;
  end
endmodule

module os_array #(parameter R = 8, parameter C = 8, parameter WA = 8, parameter WW = 8) (
  input  wire                 clk,
  input  wire [R*WA-1:0]      a_feed,
  input  wire [R-1:0]         last_feed,
  input  wire [C*WW-1:0]      w_feed,
  input  wire [15:0]          sel_r,
  input  wire [15:0]          sel_c,
  output wire signed [31:0]   gp_out
);
  wire signed [WA-1:0] a_bus [0:R-1][0:C];
  wire                 l_bus [0:R-1][0:C];
  wire signed [WW-1:0] w_bus [0:R][0:C-1];
  wire signed [31:0]   gp_bus [0:R*C-1];
  genvar r, c;
  generate
    for (r = 0; r < R; r = r + 1) begin : row
      assign a_bus[r][0] = a_feed[r*WA +: WA];
      assign l_bus[r][0] = last_feed[r];
      for (c = 0; c < C; c = c + 1) begin : col
        if (r == 0) begin : top
          assign w_bus[0][c] = w_feed[c*WW +: WW];
        end
        os_pe #(.WA(WA), .WW(WW)) pe (
          .clk(clk), .a_in(a_bus[r][c]), .w_in(w_bus[r][c]), .last_in(l_bus[r][c]),
          .a_out(a_bus[r][c+1]), .w_out(w_bus[r+1][c]), .last_out(l_bus[r][c+1]), .gp(gp_bus[r*C+c])
        );
      end
    end
  endgenerate
  assign gp_out = gp_bus[sel_r * C + sel_c];
endmodule
