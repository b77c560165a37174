// construct: force and release on a bit of a net
// section: IEEE 1364-2005 9.3.2
// expect: valid
module force_bit(input [3:0] a, output [3:0] y);
  assign y = a;
  initial begin
    force y[1] = 1'b0;
    #5 release y[1];
  end
endmodule
