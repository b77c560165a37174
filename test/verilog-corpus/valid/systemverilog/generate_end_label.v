// construct: an end label on a generate block
// section: IEEE 1800-2017 27.3
// expect: valid
module generate_end_label(input [1:0] a, output [1:0] y);
  genvar i;
  for (i = 0; i < 2; i = i + 1) begin : g
    assign y[i] = a[i];
  end : g
endmodule
