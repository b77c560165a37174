// construct: an array as a module port (Verilog-2005 ports are scalars or vectors)
// section: IEEE 1364-2005 12.3.3
// expect: error on line 4
module array_port(output [7:0] d[1:0]); // error
  assign d[0] = 8'h55;
  assign d[1] = 8'haa;
endmodule
