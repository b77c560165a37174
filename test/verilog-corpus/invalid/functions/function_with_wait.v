// construct: a wait inside a function
// section: IEEE 1364-2005 10.4.4
// expect: error on line 8
module function_with_wait(input go, output y);
  function f;
    input v;
    begin
      wait (go); // error
      f = v;
    end
  endfunction
  assign y = f(1'b0);
endmodule
