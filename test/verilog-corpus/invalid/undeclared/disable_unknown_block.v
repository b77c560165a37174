// construct: disable of a block that does not exist
// section: IEEE 1364-2005 10.3
// expect: error on line 6
module disable_unknown_block;
  initial begin : run
    disable runn; // error
  end
endmodule
