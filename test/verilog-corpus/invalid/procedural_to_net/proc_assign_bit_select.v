// construct: a procedural continuous assignment to a bit select of a variable
// section: IEEE 1364-2005 9.3.1
// expect: error on line 7
module proc_assign_bit_select;
  reg [3:0] v;
  integer i;
  initial assign v[i] = 1'b1; // error
endmodule
