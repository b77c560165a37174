// construct: a dynamic array variable read out of bounds (gives the default value)
// section: IEEE 1800-2017 7.5
// expect: valid
module dynamic_array;
  real d[];
  reg [7:0] v[];
  real x;
  reg [7:0] y;
  initial begin
    x = d[1];
    y = v[0];
    $display("%f %b", x, y);
  end
endmodule
