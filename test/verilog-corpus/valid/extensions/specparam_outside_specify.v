// construct: specparams read outside their specify block and in a parameter value (IEEE 1364-2005 4.10.3 forbids the latter; iverilog takes both; accepted with a warning)
// section: IEEE 1364-2005 4.10.3
// expect: valid
module specparam_outside_specify(input a, output y);
  specparam width = 4;
  localparam W2 = width * 2;
  reg [W2-1:0] r;
  specify
    specparam tpd = 2;
    (a => y) = tpd;
  endspecify
  assign y = a;
  initial r = tpd;
endmodule
