// construct: `ifdef never closed
// section: IEEE 1364-2005 19.4
// expect: error on line 4
`ifdef SOMETHING // error
module missing_endif;
endmodule
