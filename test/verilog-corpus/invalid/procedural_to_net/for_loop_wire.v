// construct: a wire used as a for loop variable
// section: IEEE 1364-2005 9.6
// expect: error on line 6
module for_loop_wire;
  wire [3:0] i;
  initial for (i = 0; i < 4; i = i + 1) $display(i); // error
endmodule
