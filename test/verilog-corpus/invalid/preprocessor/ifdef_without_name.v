// construct: `ifdef with no macro name
// section: IEEE 1364-2005 19.4
// expect: error on line 5
module ifdef_without_name;
`ifdef // error
`endif
endmodule
