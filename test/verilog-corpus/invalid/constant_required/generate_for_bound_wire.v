// construct: a generate loop bound on a wire
// section: IEEE 1364-2005 12.4.1
// expect: error on line 6
module generate_for_bound_wire(input [3:0] n, output [3:0] y);
  genvar i;
  for (i = 0; i < n; i = i + 1) begin : g // error
    assign y[i] = 1'b0;
  end
endmodule
