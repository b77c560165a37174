// construct: a bit and part select of an array word
// section: IEEE 1364-2005 5.2.2
// expect: valid
module array_bit_select;
  reg [7:0] mem [0:3];
  reg b;
  reg [3:0] n;
  initial begin
    mem[1] = 8'hC3;
    b = mem[1][7];
    n = mem[1][3:0];
    $display("%b %h", b, n);
  end
endmodule
