// construct: a function declared inside a generate block
// section: IEEE 1364-2005 12.4
// expect: valid
module generate_function_task(input [3:0] a, output [3:0] y);
  generate
    if (1) begin : blk
      function [3:0] inv;
        input [3:0] v;
        inv = ~v;
      endfunction
      assign y = inv(a);
    end
  endgenerate
endmodule
