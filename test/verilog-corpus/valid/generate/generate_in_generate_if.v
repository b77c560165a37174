// construct: a generate loop inside a generate if
// section: IEEE 1364-2005 12.4
// expect: valid
module generate_in_generate_if #(parameter EN = 1) (input [3:0] a, output [3:0] y);
  genvar i;
  generate
    if (EN) begin : on
      for (i = 0; i < 4; i = i + 1) begin : g
        assign y[i] = a[i];
      end
    end else begin : off
      assign y = 4'd0;
    end
  endgenerate
endmodule
