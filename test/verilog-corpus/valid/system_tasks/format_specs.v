// construct: format specifications %t %s %c %e %f %g %m %v %l
// section: IEEE 1364-2005 17.1.2
// expect: valid
module format_specs;
  real r = 3.25;
  reg [7:0] c = "A";
  initial begin
    $display("%t %s %c", $time, "str", c);
    $display("%e %f %g %10.3f", r, r, r, r);
    $display("%m");
    $display("%v", c[0]);
    $display("%0h %-8d|", c, c);
  end
endmodule
