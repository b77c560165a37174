// construct: a named block's local variable used outside the block without its path
// section: IEEE 1364-2005 12.7
// expect: error on line 9
module block_local_outside;
  initial begin : blk
    reg t;
    t = 1'b1;
  end
  initial #1 $display(t); // error
endmodule
