// construct: `define with no macro name
// section: IEEE 1364-2005 19.3
// expect: error on line 4
`define // error
module define_without_name;
endmodule
