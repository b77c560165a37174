// construct: a recursive automatic function
// section: IEEE 1364-2005 10.4.1
// expect: valid
module function_recursive;
  function automatic integer fib;
    input integer n;
    fib = n < 2 ? n : fib(n - 1) + fib(n - 2);
  endfunction
  initial $display("%0d", fib(10));
endmodule
