// construct: `elsif after `else (all three tools accept it)
// section: IEEE 1364-2005 19.4
// expect: valid
`ifdef A
`else
`elsif B
`endif
module elsif_after_else;
endmodule
