// construct: a packed struct (SystemVerilog, not Verilog-2005)
// section: IEEE 1800-2017 7.2.1
// expect: error on line 5
module struct_packed(input [7:0] in, output [3:0] hi);
  typedef struct packed { logic [3:0] h; logic [3:0] l; } pair_t; // error
  pair_t p;
  assign p = in;
  assign hi = p.h;
endmodule
