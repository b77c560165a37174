// construct: ++ of a net inside an expression (only variables can change)
// section: IEEE 1800-2017 11.4.2
// expect: error on line 8
module increment_of_net;
  wire [3:0] w;
  reg [3:0] j;
  initial begin
    j = w++; // error
  end
endmodule
