// construct: a repeat loop
// section: IEEE 1364-2005 9.6
// expect: valid
module repeat_loop;
  reg [7:0] v;
  initial begin
    v = 1;
    repeat (4) v = v << 1;
    $display("%d", v);
  end
endmodule
