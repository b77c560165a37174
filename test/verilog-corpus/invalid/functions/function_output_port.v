// construct: a function with an output argument
// section: IEEE 1364-2005 10.4.1
// expect: error on line 7
module function_output_port(output y);
  function f;
    input a;
    output b; // error
    begin f = a; b = a; end
  endfunction
  assign y = f(1'b0);
endmodule
