// construct: an event control inside a function
// section: IEEE 1364-2005 10.4.4
// expect: error on line 7
module function_with_event(input clk, output y);
  function f;
    input v;
    @(posedge clk) f = v; // error
  endfunction
  assign y = f(1'b0);
endmodule
