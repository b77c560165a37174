// construct: the probabilistic distribution functions
// section: IEEE 1364-2005 17.9.2
// expect: valid
module distributions;
  integer seed = 1, v;
  initial begin
    v = $dist_normal(seed, 0, 5);
    v = $dist_exponential(seed, 3);
    v = $dist_poisson(seed, 4);
    v = $dist_chi_square(seed, 2);
    v = $dist_t(seed, 3);
    v = $dist_erlang(seed, 2, 5);
  end
endmodule
