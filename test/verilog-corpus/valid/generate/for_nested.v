// construct: nested generate loops
// section: IEEE 1364-2005 12.4.1
// expect: valid
module for_nested(input [15:0] a, output [15:0] y);
  genvar r, c;
  generate
    for (r = 0; r < 4; r = r + 1) begin : row
      for (c = 0; c < 4; c = c + 1) begin : col
        assign y[r*4 + c] = a[c*4 + r];
      end
    end
  endgenerate
endmodule
