// construct: a for loop
// section: IEEE 1364-2005 9.6
// expect: valid
module for_loop(input [7:0] a, output reg [3:0] ones);
  integer i;
  always @* begin
    ones = 0;
    for (i = 0; i < 8; i = i + 1) ones = ones + a[i];
  end
endmodule
