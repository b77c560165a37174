// construct: a module name given to a system function that takes values (iverilog passes a scope handle and leaves the verdict to the function at run time; accepted with a warning)
// section: IEEE 1364-2005 17.1
// expect: valid
module scope_as_system_argument;
  integer n;
  initial n = $countones(scope_as_system_argument);
endmodule
