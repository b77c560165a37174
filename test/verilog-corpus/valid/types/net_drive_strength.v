// construct: a net declaration assignment with drive strength
// section: IEEE 1364-2005 4.4.2
// expect: valid
module net_drive_strength(input a, output y);
  wire (pull0, strong1) w = a;
  assign y = w;
endmodule
