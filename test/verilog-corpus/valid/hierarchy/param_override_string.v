// construct: a string parameter overridden
// section: IEEE 1364-2005 12.2.2
// expect: valid
module pos_msg #(parameter MSG = "default") ();
  initial $display("%s", MSG);
endmodule
module param_override_string;
  pos_msg #(.MSG("custom")) u ();
endmodule
