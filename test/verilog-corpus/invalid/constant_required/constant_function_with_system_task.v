// construct: a constant function that reads a module variable
// section: IEEE 1364-2005 10.4.5
// expect: error on line 10
module constant_function_with_system_task;
  reg [3:0] r;
  function integer f;
    input integer n;
    f = n + r;
  endfunction
  localparam P = f(2); // error
endmodule
