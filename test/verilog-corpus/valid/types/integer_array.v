// construct: arrays of integers, reals and times
// section: IEEE 1364-2005 4.9.2
// expect: valid
module integer_array;
  integer counts [1:4];
  time stamps [0:1];
  real weights [0:2];
  initial begin
    counts[1] = 5;
    stamps[0] = $time;
    weights[2] = 0.5;
  end
endmodule
