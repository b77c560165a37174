// construct: typed parameters in a module parameter port list
// section: IEEE 1364-2005 12.2
// expect: valid
module ansi_param_list_types #(parameter integer N = 4, parameter [7:0] M = 8'h10, parameter real R = 0.5) (output [7:0] y);
  assign y = M + N;
endmodule
