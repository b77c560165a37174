// construct: ++ and -- inside expressions (postfix gives the old value, prefix the new one)
// section: IEEE 1800-2017 11.4.2
// expect: valid
module increment_in_expression;
  reg [3:0] i, j;
  reg [3:0] x [0:3];
  initial begin
    i = 0;
    j = i++;
    j = ++i + i--;
    x[i++] = j;
    j = x[--i] + i;
    $display("%0d %0d", i, j);
  end
endmodule
