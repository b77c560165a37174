// construct: gate delays with min:typ:max values
// section: IEEE 1364-2005 7.14
// expect: valid
module gate_delay_mintypmax(input a, b, output y);
  nand #(1:2:3, 2:3:4) g (y, a, b);
endmodule
