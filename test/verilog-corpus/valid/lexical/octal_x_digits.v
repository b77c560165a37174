// construct: x and z digits in octal and hex expand to 3 and 4 bits
// section: IEEE 1364-2005 3.5.1
// expect: valid
module octal_x_digits(output [5:0] o, output [7:0] h);
  assign o = 6'o7x;
  assign h = 8'hz1;
endmodule
