// construct: ++ and += operators
// section: IEEE 1800-2017 11.4.2
// expect: valid
module increment_ops;
  integer i, sum;
  initial begin
    sum = 0;
    for (i = 0; i < 4; i++) sum += i;
    $display("%0d", sum);
  end
endmodule
