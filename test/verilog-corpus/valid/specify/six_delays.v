// construct: paths with six and twelve transition delays
// section: IEEE 1364-2005 14.3.1
// expect: valid
module six_delays(input a, output y);
  assign y = a;
  specify
    (a => y) = (1, 2, 3, 4, 5, 6);
  endspecify
endmodule
