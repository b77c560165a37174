// construct: a delay inside always_comb
// section: IEEE 1800-2017 9.2.2.2
// expect: error on line 7
module always_comb_delay;
  reg q, d;
  always_comb begin
    #1 q = d; // error
  end
endmodule
