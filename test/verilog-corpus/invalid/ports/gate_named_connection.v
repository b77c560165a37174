// construct: a gate connected by port name
// section: IEEE 1364-2005 7.1.6
// expect: error on line 5
module gate_named_connection(input a, b, output y);
  and g (.out(y), .in1(a), .in2(b)); // error
endmodule
