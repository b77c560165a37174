// construct: `include of a file named by a macro (plain and stringified)
// section: IEEE 1364-2005 19.5
// expect: valid
`define GUARDED_FILE "guarded.vh"
`define VH_FILE(name) `"name.vh`"
module include_macro_name;
`include `GUARDED_FILE
`include `VH_FILE(guarded)
endmodule
