// construct: a genvar used as a value outside a generate loop
// section: IEEE 1364-2005 12.4.1
// expect: error on line 6
module genvar_outside_loop(output [3:0] y);
  genvar i;
  assign y = i; // error
endmodule
