// construct: a recursive automatic task
// section: IEEE 1364-2005 10.2.3
// expect: valid
module task_automatic_recursive;
  integer result;
  task automatic fact;
    input integer n;
    output integer r;
    integer sub;
    begin
      if (n <= 1) r = 1;
      else begin
        fact(n - 1, sub);
        r = n * sub;
      end
    end
  endtask
  initial begin
    fact(5, result);
    $display("%0d", result);
  end
endmodule
