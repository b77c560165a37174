// construct: mixing signed and unsigned operands makes the expression unsigned
// section: IEEE 1364-2005 5.5.1
// expect: valid
module signed_mixed;
  reg signed [7:0] s;
  reg [7:0] u;
  reg r;
  initial begin
    s = -1;
    u = 1;
    r = s < u;
    $display("%b", r);
  end
endmodule
