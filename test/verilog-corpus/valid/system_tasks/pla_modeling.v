// construct: PLA modeling system tasks
// section: IEEE 1364-2005 17.5
// expect: valid
module pla_modeling(input [3:0] in, output [1:0] out_w);
  reg [3:0] mem [0:1];
  reg [1:0] out;
  initial $async$and$array(mem, in, out);
  assign out_w = out;
endmodule
