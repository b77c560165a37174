// construct: a net with a declared delay
// section: IEEE 1364-2005 4.6
// expect: valid
module net_delay(input a, output y);
  wire #3 w;
  wire #(1, 2, 3) w3;
  assign w = a;
  assign w3 = w;
  assign y = w3;
endmodule
