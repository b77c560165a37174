// construct: trireg with charge strength
// section: IEEE 1364-2005 4.4.1
// expect: valid
module trireg_charge(input en, d);
  trireg (large) t1;
  trireg (small) #(1, 2, 10) t2;
  bufif1 (t1, d, en);
  bufif1 (t2, d, en);
endmodule
