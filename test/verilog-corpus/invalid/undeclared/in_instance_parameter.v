// construct: an undeclared identifier in a parameter override
// section: IEEE 1364-2005 12.2.2
// expect: error on line 8
module iip_leaf #(parameter W = 1) (output [W-1:0] y);
  assign y = 0;
endmodule
module in_instance_parameter(output [3:0] y);
  iip_leaf #(.W(SIZE)) u (y); // error
endmodule
