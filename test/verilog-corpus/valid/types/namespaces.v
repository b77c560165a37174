// construct: the same name in different scopes
// section: IEEE 1364-2005 4.11
// expect: valid
module namespaces;
  reg x;
  task t;
    reg x;
    x = 1'b1;
  endtask
  function f;
    input x;
    f = x;
  endfunction
  initial begin : blk
    reg x;
    x = f(1'b0);
  end
endmodule
