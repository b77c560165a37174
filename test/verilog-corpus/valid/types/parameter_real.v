// construct: a real parameter used in a real expression
// section: IEEE 1364-2005 4.10.1
// expect: valid
module parameter_real;
  parameter d = 1.2;
  localparam real twice = d * 2;
  real x;
  initial begin
    x = twice + 0.1;
    $display("%f", x);
  end
endmodule
