// construct: operators written without spaces
// section: IEEE 1364-2005 3.4
// expect: valid
module operators_adjacent(input [3:0] a, b, output [3:0] y, output z);
  assign y=a+-b;
  assign z=!a&&~&b||^a;
endmodule
