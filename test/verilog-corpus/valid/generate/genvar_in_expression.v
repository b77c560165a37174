// construct: a genvar in constant expressions of the loop body
// section: IEEE 1364-2005 12.4.1
// expect: valid
module genvar_in_expression(output [15:0] y);
  genvar i;
  generate
    for (i = 0; i < 4; i = i + 1) begin : g
      assign y[4*i +: 4] = i * i;
    end
  endgenerate
endmodule
