// construct: a named block local declared twice
// section: IEEE 1364-2005 9.8.3
// expect: error on line 7
module block_local_twice;
  initial begin : blk
    integer k;
    integer k; // error
  end
endmodule
