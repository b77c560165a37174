// construct: macro names that look like identifiers used elsewhere
// section: IEEE 1364-2005 19.3
// expect: valid
`define data 8'h5a
module keyword_macro_names(output [7:0] data);
  assign data = `data;
endmodule
