// construct: defparam targeting a localparam
// section: IEEE 1364-2005 12.2.1
// expect: error on line 10
module dol_leaf(output [3:0] y);
  localparam L = 1;
  assign y = L;
endmodule
module defparam_of_localparam(output [3:0] y);
  dol_leaf u (y);
  defparam u.L = 2; // error
endmodule
