// construct: white space between size, base and digits
// section: IEEE 1364-2005 3.5.1
// expect: valid
module numbers_space_after_base(output [7:0] y, z);
  assign y = 8 'h 3c;
  assign z = 8'b 0000_1111;
endmodule
