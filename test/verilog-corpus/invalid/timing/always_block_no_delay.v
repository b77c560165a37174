// construct: an always begin-end block with no timing control anywhere
// section: IEEE 1364-2005 9.9.2
// expect: error on line 6
module always_block_no_delay;
  reg [3:0] a, b;
  always begin // error
    a = b + 1;
    b = a;
  end
endmodule
