// construct: a generate if-else-if chain naming the same block in each branch
// section: IEEE 1364-2005 12.4.2
// expect: valid
module if_else_if_chain #(parameter MODE = 2) (input [3:0] a, output [3:0] y);
  if (MODE == 0) begin : impl
    assign y = a;
  end else if (MODE == 1) begin : impl
    assign y = ~a;
  end else begin : impl
    assign y = a ^ 4'b0101;
  end
endmodule
