// construct: a generate loop counting down
// section: IEEE 1364-2005 12.4.1
// expect: valid
module for_descending(input [3:0] a, output [3:0] y);
  genvar i;
  generate
    for (i = 3; i >= 0; i = i - 1) begin : g
      assign y[i] = a[i];
    end
  endgenerate
endmodule
