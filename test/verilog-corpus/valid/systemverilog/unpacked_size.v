// construct: an array dimension given by its size, [N] for [0:N-1] (SystemVerilog; iverilog -g2005 and Verilator take it)
// section: IEEE 1800-2017 7.4.2
// expect: valid
module unpacked_size;
  localparam N = 4;
  reg [7:0] mem [N];
  integer k;
  initial for (k = 0; k < N; k = k + 1) mem[k] = k;
endmodule
