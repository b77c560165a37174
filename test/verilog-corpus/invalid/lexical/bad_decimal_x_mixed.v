// construct: a decimal literal mixing digits and x
// section: IEEE 1364-2005 3.5.1
// expect: error on line 5
module bad_decimal_x_mixed(output [7:0] y);
  assign y = 8'd1x; // error
endmodule
