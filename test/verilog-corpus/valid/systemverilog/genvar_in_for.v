// construct: genvar declared in a generate for header
// section: IEEE 1800-2017 27.4
// expect: valid
module genvar_in_for(input [3:0] a, output [3:0] y);
  for (genvar i = 0; i < 4; i = i + 1) begin : g
    assign y[i] = ~a[i];
  end
endmodule
