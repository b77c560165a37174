// construct: an ANSI-style sequential UDP header with output reg and an initial value
// section: IEEE 1364-2005 8.1.1
// expect: valid
primitive srff (output reg q = 1'b0, input s, r);
  table
    1 0 : ? : 1;
    0 1 : ? : 0;
    0 0 : ? : -;
  endtable
endprimitive
module ansi_sequential(input s, r, output q);
  srff f (q, s, r);
endmodule
