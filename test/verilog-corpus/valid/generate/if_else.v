// construct: a generate if-else on a parameter
// section: IEEE 1364-2005 12.4.2
// expect: valid
module if_else #(parameter FAST = 1) (input [7:0] a, b, output [7:0] y);
  generate
    if (FAST) begin : fast
      assign y = a + b;
    end else begin : slow
      assign y = a - b;
    end
  endgenerate
endmodule
