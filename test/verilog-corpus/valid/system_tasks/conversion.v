// construct: $rtoi, $itor, $realtobits, $bitstoreal, $signed, $unsigned
// section: IEEE 1364-2005 17.8
// expect: valid
module conversion;
  real r;
  integer i;
  initial begin
    i = $rtoi(3.9);
    r = $itor(i) + 0.5;
    r = $bitstoreal($realtobits(r));
    i = $signed(4'b1111);
    $display("%0d %f", i, r);
  end
endmodule
