// construct: $sformat, $swrite and $sscanf
// section: IEEE 1364-2005 17.2.3
// expect: valid
module sformat_sscanf;
  reg [8*32:1] s;
  integer n, r;
  initial begin
    $sformat(s, "%0d-%0d", 12, 34);
    $swrite(s, "value ", 5);
    r = $sscanf("42", "%d", n);
    $display("%s %0d", s, n);
  end
endmodule
