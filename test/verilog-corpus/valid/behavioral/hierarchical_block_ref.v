// construct: a named block's variable read through its hierarchical name
// section: IEEE 1364-2005 9.8.3
// expect: valid
module hierarchical_block_ref;
  initial begin : blk
    reg [3:0] v;
    v = 4'd7;
  end
  initial #1 $display("%d", blk.v);
endmodule
