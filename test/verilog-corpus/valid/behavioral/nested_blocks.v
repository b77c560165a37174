// construct: nested sequential and parallel blocks
// section: IEEE 1364-2005 9.8
// expect: valid
module nested_blocks;
  reg [3:0] x;
  initial begin
    x = 0;
    fork
      begin x = x + 1; #1 x = x + 2; end
      begin #2 x = x + 4; end
    join
    begin : inner
      x = x + 8;
    end
  end
endmodule
