// construct: logical and arithmetic shifts
// section: IEEE 1364-2005 5.1.10
// expect: valid
module shifts(input signed [7:0] a, input [2:0] n, output [7:0] l, r, al, ar);
  assign l = a << n;
  assign r = a >> n;
  assign al = a <<< n;
  assign ar = a >>> n;
endmodule
