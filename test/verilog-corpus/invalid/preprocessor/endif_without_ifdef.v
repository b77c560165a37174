// construct: `endif without `ifdef
// section: IEEE 1364-2005 19.4
// expect: error on line 5
module endif_without_ifdef;
`endif // error
endmodule
