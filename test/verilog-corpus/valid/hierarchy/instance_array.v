// construct: an array of module instances
// section: IEEE 1364-2005 12.1.2
// expect: valid
module ia_leaf(input a, output y);
  assign y = ~a;
endmodule
module instance_array(input [3:0] a, output [3:0] y);
  ia_leaf u [3:0] (.a(a), .y(y));
endmodule
