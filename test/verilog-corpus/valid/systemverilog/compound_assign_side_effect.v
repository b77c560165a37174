// construct: a compound assignment whose target's index has a side effect (the index runs once)
// section: IEEE 1800-2017 11.4.1
// expect: valid
module compound_assign_side_effect;
  reg [1:0] i;
  reg [3:0] x [0:2];
  initial begin
    i = 1;
    x[1] = 1;
    x[i++] += 2;
    $display("%0d %0d", i, x[1]);
  end
endmodule
