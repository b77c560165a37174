// construct: localparam in a module parameter port list
// section: IEEE 1800-2017 6.20.4
// expect: valid
module localparam_in_header #(parameter W = 4, localparam D = 2 * W) (output [D-1:0] y);
  assign y = {D{1'b1}};
endmodule
