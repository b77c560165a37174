// construct: several top-level modules in one file
// section: IEEE 1364-2005 12.1.1
// expect: valid
module top_a;
  initial $display("a");
endmodule
module top_b;
  initial $display("b");
endmodule
