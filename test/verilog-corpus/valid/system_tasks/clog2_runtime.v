// construct: $clog2 of a variable at run time
// section: IEEE 1364-2005 17.11.1
// expect: valid
module clog2_runtime;
  integer n, b;
  initial begin
    n = 1000;
    b = $clog2(n);
    $display("%0d", b);
  end
endmodule
