// construct: instances with per-iteration parameters
// section: IEEE 1364-2005 12.4.1
// expect: valid
module gpi_leaf #(parameter V = 0) (output [3:0] y);
  assign y = V;
endmodule
module generate_param_instances(output [15:0] y);
  genvar i;
  generate
    for (i = 0; i < 4; i = i + 1) begin : g
      gpi_leaf #(.V(i + 1)) u (y[i*4 +: 4]);
    end
  endgenerate
endmodule
