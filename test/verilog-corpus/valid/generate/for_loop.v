// construct: a generate for loop with a named block
// section: IEEE 1364-2005 12.4.1
// expect: valid
module for_loop(input [7:0] a, output [7:0] y);
  genvar i;
  generate
    for (i = 0; i < 8; i = i + 1) begin : bitwise
      assign y[i] = ~a[i];
    end
  endgenerate
endmodule
