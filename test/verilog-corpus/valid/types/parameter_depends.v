// construct: parameters defined from other parameters
// section: IEEE 1364-2005 4.10.1
// expect: valid
module parameter_depends(output [WORDS*WIDTH-1:0] y);
  parameter WIDTH = 8;
  parameter WORDS = 4;
  localparam TOTAL = WIDTH * WORDS, HALF = TOTAL / 2;
  assign y = {HALF{2'b10}};
endmodule
