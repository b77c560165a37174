// construct: `default_nettype with a word that is not a net type
// section: IEEE 1364-2005 19.2
// expect: error on line 4
`default_nettype bogus // error
module default_nettype_bad;
endmodule
