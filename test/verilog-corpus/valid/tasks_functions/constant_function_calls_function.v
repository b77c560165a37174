// construct: a constant function calling another constant function
// section: IEEE 1364-2005 10.4.5
// expect: valid
module constant_function_calls_function(output [N-1:0] y);
  function integer twice; input integer v; twice = 2 * v; endfunction
  function integer quad; input integer v; quad = twice(twice(v)); endfunction
  localparam N = quad(2);
  assign y = {N{1'b1}};
endmodule
