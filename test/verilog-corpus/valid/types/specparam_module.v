// construct: specparam at module level
// section: IEEE 1364-2005 4.10.3
// expect: valid
module specparam_module(input a, output y);
  specparam tRISE = 1.5, tFALL = 2;
  assign y = a;
  specify
    (a => y) = (tRISE, tFALL);
  endspecify
endmodule
