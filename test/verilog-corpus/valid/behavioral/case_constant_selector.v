// construct: a constant case expression selecting by variable items (one-hot decode)
// section: IEEE 1364-2005 9.5.2
// expect: valid
module case_constant_selector(input [3:0] state, output reg [1:0] idx);
  always @* case (1'b1)
    state[0]: idx = 2'd0;
    state[1]: idx = 2'd1;
    state[2]: idx = 2'd2;
    state[3]: idx = 2'd3;
    default: idx = 2'd0;
  endcase
endmodule
