// construct: a function with ANSI-style inputs
// section: IEEE 1364-2005 10.4.1
// expect: valid
module function_ansi(input [3:0] a, b, output [3:0] y);
  function automatic [3:0] max(input [3:0] p, input [3:0] q);
    max = p > q ? p : q;
  endfunction
  assign y = max(a, b);
endmodule
