// construct: a defparam naming a parameter of its own module (a one-part hierarchical name)
// section: IEEE 1364-2005 12.2.1
// expect: valid
module defparam_own_parameter;
  parameter c = 3'd4;
  localparam [3:0] s = c + 1;
  wire [s-1:0] w;
  defparam c = 2'd2;
  initial $display("%b %0d", s, $bits(w));
endmodule
