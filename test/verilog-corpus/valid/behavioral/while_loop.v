// construct: a while loop
// section: IEEE 1364-2005 9.6
// expect: valid
module while_loop;
  integer n;
  initial begin
    n = 10;
    while (n > 0) n = n - 3;
    $display("%0d", n);
  end
endmodule
