// construct: `timescale whose precision is coarser than its unit
// section: IEEE 1364-2005 19.8
// expect: error on line 4
`timescale 1ps / 1ns // error
module timescale_precision_coarser;
endmodule
