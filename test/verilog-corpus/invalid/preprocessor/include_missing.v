// construct: `include of a file that does not exist
// section: IEEE 1364-2005 19.5
// expect: error on line 4
`include "no_such_file_anywhere.vh" // error
module include_missing;
endmodule
