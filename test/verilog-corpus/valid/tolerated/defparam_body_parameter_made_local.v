// construct: a defparam of a body parameter that the module's parameter port list makes local (IEEE 1364-2005 12.2 forbids it; all three tools override it, so it is a warning)
// section: IEEE 1364-2005 12.2
// expect: valid
module defparam_child #(parameter A = 1);
  parameter B = 2;
endmodule
module defparam_body_parameter_made_local;
  defparam_child u();
  defparam u.B = 20;
endmodule
