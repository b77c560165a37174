// construct: two `else in one conditional (all three tools accept it)
// section: IEEE 1364-2005 19.4
// expect: valid
`ifdef A
`else
`else
`endif
module else_twice;
endmodule
