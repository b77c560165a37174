// construct: a static function's local variable read through its hierarchical name
// section: IEEE 1364-2005 10.4.1
// expect: valid
module function_local_hierarchical;
  function f;
    input v;
    reg t;
    begin t = v; f = t; end
  endfunction
  initial $display(f.t);
endmodule
