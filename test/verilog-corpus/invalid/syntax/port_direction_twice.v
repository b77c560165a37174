// construct: two directions on one ANSI port
// section: IEEE 1364-2005 12.3.4
// expect: error on line 4
module port_direction_twice(input output a); // error
endmodule
