// construct: forever stopped by disable of its named block
// section: IEEE 1364-2005 9.6
// expect: valid
module forever_disable;
  integer n;
  initial begin : run
    n = 0;
    forever begin
      #1 n = n + 1;
      if (n == 5) disable run;
    end
  end
endmodule
