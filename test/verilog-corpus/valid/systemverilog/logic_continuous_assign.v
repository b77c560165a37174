// construct: continuous assignment to a logic variable
// section: IEEE 1800-2017 6.5
// expect: valid
module logic_continuous_assign(input logic a, output logic y);
  logic t;
  assign t = ~a;
  assign y = t;
endmodule
