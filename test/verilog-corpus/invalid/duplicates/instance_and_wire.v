// construct: an instance named like a wire
// section: IEEE 1364-2005 4.11
// expect: error on line 8
module iaw_leaf(input a);
endmodule
module instance_and_wire(input a);
  wire u;
  iaw_leaf u (a); // error
endmodule
