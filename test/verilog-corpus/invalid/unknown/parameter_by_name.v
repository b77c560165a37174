// construct: overriding a parameter the module does not have
// section: IEEE 1364-2005 12.2.2
// expect: error on line 8
module pbn_leaf #(parameter W = 1) (output [W-1:0] y);
  assign y = 0;
endmodule
module parameter_by_name(output [3:0] y);
  pbn_leaf #(.WIDTH(4)) u (y); // error
endmodule
