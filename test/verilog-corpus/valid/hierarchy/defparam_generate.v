// construct: defparam into a generate block instance
// section: IEEE 1364-2005 12.4
// expect: valid
module dg_leaf(output [3:0] y);
  parameter V = 0;
  assign y = V;
endmodule
module defparam_generate(output [7:0] y);
  genvar i;
  generate
    for (i = 0; i < 2; i = i + 1) begin : g
      dg_leaf u (y[i*4 +: 4]);
    end
  endgenerate
  defparam g[1].u.V = 3;
endmodule
