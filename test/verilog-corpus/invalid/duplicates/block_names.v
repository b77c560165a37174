// construct: two named blocks with the same name in one scope
// section: IEEE 1364-2005 9.8.3
// expect: error on line 7
module block_names;
  initial begin : blk
  end
  initial begin : blk // error
  end
endmodule
