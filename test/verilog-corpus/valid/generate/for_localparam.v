// construct: a localparam inside a generate loop body
// section: IEEE 1364-2005 12.4.1
// expect: valid
module for_localparam(output [11:0] y);
  genvar i;
  generate
    for (i = 0; i < 3; i = i + 1) begin : g
      localparam [3:0] V = i * 3;
      assign y[i*4 +: 4] = V;
    end
  endgenerate
endmodule
