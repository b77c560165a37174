// construct: pulse filtering: PATHPULSE$ specparams, showcancelled and pulsestyle
// section: IEEE 1364-2005 14.6
// expect: valid
module pulse_control(input a, output y);
  assign y = a;
  specify
    specparam PATHPULSE$ = (1, 2);
    specparam PATHPULSE$a$y = 1;
    pulsestyle_onevent y;
    showcancelled y;
    (a => y) = 3;
  endspecify
endmodule
