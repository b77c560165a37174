// construct: `timescale with an unknown unit
// section: IEEE 1364-2005 19.8
// expect: error on line 4
`timescale 1 furlong / 1ps // error
module timescale_bad_unit;
endmodule
