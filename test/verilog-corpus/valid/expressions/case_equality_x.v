// construct: === and !== compare x and z exactly
// section: IEEE 1364-2005 5.1.6
// expect: valid
module case_equality_x;
  reg [1:0] v;
  initial begin
    v = 2'bx1;
    if (v === 2'bx1) $display("same");
    if (v !== 2'bz1) $display("different");
  end
endmodule
