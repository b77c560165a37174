// construct: localparam in a module body
// section: IEEE 1364-2005 4.10.2
// expect: valid
module localparam_body(input [1:0] s, output reg [7:0] y);
  localparam A = 2'd0, B = 2'd1;
  localparam [7:0] MASK = 8'h0F;
  always @* case (s)
    A: y = MASK;
    B: y = ~MASK;
    default: y = 8'h00;
  endcase
endmodule
