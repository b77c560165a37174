// construct: a generate for loop header with a missing condition
// section: IEEE 1364-2005 12.4.1
// expect: error on line 6
module genvar_missing_in_loop_header(output [3:0] y);
  genvar i;
  for (i = 0; ; i = i + 1) begin : g // error
    assign y[i] = 1'b0;
  end
endmodule
