// construct: a queue dimension [$] (SystemVerilog; Verilog-2005 has no queues)
// section: IEEE 1800-2017 7.10
// expect: error on line 5
module queue_dimension;
  reg [7:0] q[$]; // error
endmodule
