// construct: wand and wor nets with several drivers
// section: IEEE 1364-2005 4.6.2
// expect: valid
module wired_and_or(input a, b, output wand wa, output wor wo);
  assign wa = a;
  assign wa = b;
  assign wo = a;
  assign wo = b;
endmodule
