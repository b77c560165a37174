// construct: a constant bit select outside the range reads x
// section: IEEE 1364-2005 5.2.1
// expect: valid
module bit_select_out_of_range;
  reg [3:0] a;
  reg b;
  initial begin
    a = 4'hF;
    b = a[7];
    $display("%b", b);
  end
endmodule
