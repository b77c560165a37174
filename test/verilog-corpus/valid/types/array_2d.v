// construct: a two-dimensional array of regs
// section: IEEE 1364-2005 4.9.2
// expect: valid
module array_2d;
  reg [3:0] grid [0:2][0:3];
  integer i, j;
  initial begin
    for (i = 0; i < 3; i = i + 1)
      for (j = 0; j < 4; j = j + 1)
        grid[i][j] = i + j;
    $display("%d", grid[2][3]);
  end
endmodule
