// construct: loop variables of type reg, integer and time
// section: IEEE 1364-2005 9.6
// expect: valid
module loop_variable_types;
  reg [3:0] r;
  time t;
  initial begin
    for (r = 0; r < 4'd10; r = r + 1) ;
    for (t = 0; t < 3; t = t + 1) $display("%0d", t);
  end
endmodule
