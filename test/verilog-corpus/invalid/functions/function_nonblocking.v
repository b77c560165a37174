// construct: a nonblocking assignment inside a function
// section: IEEE 1364-2005 10.4.4
// expect: error on line 9
module function_nonblocking(output y);
  reg r;
  function f;
    input v;
    begin
      r <= v; // error
      f = v;
    end
  endfunction
  assign y = f(1'b0);
endmodule
