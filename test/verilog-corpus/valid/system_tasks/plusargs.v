// construct: $test$plusargs and $value$plusargs
// section: IEEE 1364-2005 17.10
// expect: valid
module plusargs;
  integer n;
  initial begin
    if ($test$plusargs("verbose")) $display("verbose");
    if ($value$plusargs("N=%d", n)) $display("N=%0d", n);
  end
endmodule
