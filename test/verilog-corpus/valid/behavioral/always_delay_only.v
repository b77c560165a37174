// construct: an always with a delay as its only timing control
// section: IEEE 1364-2005 9.9.2
// expect: valid
module always_delay_only;
  reg [7:0] count = 0;
  always #10 count = count + 1;
endmodule
