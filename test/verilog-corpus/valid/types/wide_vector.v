// construct: a 1024-bit vector
// section: IEEE 1364-2005 4.3.1
// expect: valid
module wide_vector(input [1023:0] a, output [1023:0] y);
  assign y = {a[511:0], a[1023:512]};
endmodule
