// construct: a select of a real parameter
// section: IEEE 1364-2005 5.2.1
// expect: error on line 6
module bit_select_of_scalar_parameter(output y);
  parameter real R = 1.5;
  assign y = R[0]; // error
endmodule
