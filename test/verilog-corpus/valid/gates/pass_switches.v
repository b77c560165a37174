// construct: tran, rtran, tranif0/1, rtranif0/1
// section: IEEE 1364-2005 7.6
// expect: valid
module pass_switches(inout a, b, c, d, input g);
  tran t1 (a, b);
  rtran t2 (c, d);
  tranif0 t3 (a, c, g);
  tranif1 t4 (b, d, g);
  rtranif0 t5 (a, d, g);
  rtranif1 t6 (b, c, g);
endmodule
