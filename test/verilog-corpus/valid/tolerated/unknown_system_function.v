// construct: a call to a system function no tool defines (a warning: the PLI may add system functions, and iverilog accepts it)
// section: IEEE 1364-2005 17
// expect: valid
module unknown_system_function;
  integer v;
  initial v = $no_such_function(3);
endmodule
