// construct: an intra-assignment delay inside a function
// section: IEEE 1364-2005 10.4.4
// expect: error on line 7
module function_intra_assignment_delay(output y);
  function f;
    input v;
    f = #2 v; // error
  endfunction
  assign y = f(1'b0);
endmodule
