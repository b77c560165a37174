// construct: $random with and without a seed, $dist_uniform
// section: IEEE 1364-2005 17.9
// expect: valid
module random;
  integer seed = 7, a, b, c;
  initial begin
    a = $random;
    b = $random(seed);
    c = $dist_uniform(seed, 0, 10);
    $display("%0d %0d %0d", a, b, c);
  end
endmodule
