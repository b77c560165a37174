// construct: a generate loop outside a generate region
// section: IEEE 1364-2005 12.4
// expect: valid
module for_without_region(input [3:0] a, output [3:0] y);
  genvar k;
  for (k = 0; k < 4; k = k + 1) begin : g
    assign y[k] = a[3-k];
  end
endmodule
