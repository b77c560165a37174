// construct: a module declared inside another module
// section: IEEE 1364-2005 12.1
// expect: error on line 5
module nested_module(output y);
  module inner; // error
  endmodule
  assign y = 1'b0;
endmodule
