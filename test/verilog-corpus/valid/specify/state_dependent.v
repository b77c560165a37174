// construct: state-dependent paths with if and ifnone
// section: IEEE 1364-2005 14.2.4
// expect: valid
module state_dependent(input a, b, sel, output y);
  assign y = sel ? a : b;
  specify
    if (sel) (a => y) = 1;
    if (!sel) (b => y) = 2;
    ifnone (b => y) = 3;
  endspecify
endmodule
