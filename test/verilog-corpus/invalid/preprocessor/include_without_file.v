// construct: `include with no file name
// section: IEEE 1364-2005 19.5
// expect: error on line 4
`include // error
module include_without_file;
endmodule
