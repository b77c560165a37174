// construct: a generate loop stepping by multiplication
// section: IEEE 1364-2005 12.4.1
// expect: valid
module generate_loop_step_multiply(output [7:0] y);
  genvar i;
  generate
    for (i = 1; i < 256; i = i * 2) begin : g
      assign y[$clog2(i)] = 1'b1;
    end
  endgenerate
endmodule
