// construct: specparams inside a specify block
// section: IEEE 1364-2005 14.2
// expect: valid
module specparams(input a, output y);
  assign y = ~a;
  specify
    specparam tPLH = 1.2, tPHL = 1.4;
    specparam tPD = tPLH + tPHL;
    (a => y) = (tPLH, tPHL);
  endspecify
endmodule
