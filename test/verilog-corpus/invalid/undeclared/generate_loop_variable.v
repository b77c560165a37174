// construct: a generate loop whose variable is not a declared genvar
// section: IEEE 1364-2005 12.4.1
// expect: error on line 5
module generate_loop_variable(output [3:0] y);
  for (k = 0; k < 4; k = k + 1) begin : g // error
    assign y[k] = 1'b0;
  end
endmodule
