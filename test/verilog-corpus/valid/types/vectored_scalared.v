// construct: vectored and scalared nets
// section: IEEE 1364-2005 4.3.2
// expect: valid
module vectored_scalared(input [7:0] a, output [7:0] y);
  wire vectored [7:0] v;
  wire scalared [7:0] s;
  assign v = a;
  assign s = v;
  assign y = s;
endmodule
