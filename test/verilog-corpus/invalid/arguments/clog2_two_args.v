// construct: $clog2 with two arguments
// section: IEEE 1364-2005 17.11.1
// expect: error on line 5
module clog2_two_args(output [3:0] y);
  localparam N = $clog2(8, 2); // error
  assign y = N;
endmodule
