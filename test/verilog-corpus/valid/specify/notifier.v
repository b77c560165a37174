// construct: a timing check with a notifier register
// section: IEEE 1364-2005 15.5
// expect: valid
module notifier(input clk, d, output reg q);
  reg notify;
  always @(posedge clk or notify) q <= d;
  specify
    $setup(d, posedge clk, 2, notify);
  endspecify
endmodule
