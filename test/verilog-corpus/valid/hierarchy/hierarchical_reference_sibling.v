// construct: upward reference to a sibling's signal through the parent instance name
// section: IEEE 1364-2005 12.6
// expect: valid
module hrs_a;
  reg [3:0] v = 4'd3;
endmodule
module hrs_b;
  initial #1 $display("%d", hierarchical_reference_sibling.ua.v);
endmodule
module hierarchical_reference_sibling;
  hrs_a ua ();
  hrs_b ub ();
endmodule
