// construct: blocking procedural assignments
// section: IEEE 1364-2005 9.2.1
// expect: valid
module blocking;
  reg [3:0] a, b;
  initial begin
    a = 4'd3;
    b = a + 1;
    $display("%d", b);
  end
endmodule
