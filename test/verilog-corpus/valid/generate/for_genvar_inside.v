// construct: a genvar declared inside the generate region
// section: IEEE 1364-2005 12.4.1
// expect: valid
module for_genvar_inside(input [3:0] a, output [3:0] y);
  generate
    genvar j;
    for (j = 0; j < 4; j = j + 1) begin : g
      assign y[j] = a[j];
    end
  endgenerate
endmodule
