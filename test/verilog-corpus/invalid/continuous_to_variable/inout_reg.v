// construct: an inout port declared reg
// section: IEEE 1364-2005 12.3.3
// expect: error on line 4
module inout_reg(inout reg p); // error
endmodule
