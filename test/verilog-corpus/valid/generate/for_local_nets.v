// construct: nets declared inside a generate loop, one per iteration
// section: IEEE 1364-2005 12.4.1
// expect: valid
module for_local_nets(input [3:0] a, output [3:0] y);
  genvar i;
  generate
    for (i = 0; i < 4; i = i + 1) begin : g
      wire t;
      assign t = a[i] ^ a[(i + 1) % 4];
      assign y[i] = t;
    end
  endgenerate
endmodule
