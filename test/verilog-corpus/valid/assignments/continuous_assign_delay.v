// construct: continuous assignments with delays
// section: IEEE 1364-2005 6.1.3
// expect: valid
module continuous_assign_delay(input a, output y, z);
  assign #5 y = a;
  assign #(2, 3) z = ~a;
endmodule
