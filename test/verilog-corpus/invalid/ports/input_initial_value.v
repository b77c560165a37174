// construct: an ANSI input port given an initial value (only a variable output may have one)
// section: IEEE 1364-2005 12.3.4
// expect: error on line 4
module input_initial_value(input [3:0] x = 1);
endmodule
