// construct: integer division and modulus of negative numbers
// section: IEEE 1364-2005 5.1.3
// expect: valid
module negative_division;
  integer q, r;
  initial begin
    q = -7 / 2;
    r = -7 % 2;
    $display("%0d %0d", q, r);
  end
endmodule
