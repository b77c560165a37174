// construct: a generate loop whose step does not assign its own genvar
// section: IEEE 1364-2005 12.4.1
// expect: error on line 6
module genvar_loop_body_assigns_genvar(output [3:0] y);
  genvar i, j;
  for (i = 0; i < 4; j = i + 1) begin : g // error
    assign y[i] = 1'b0;
  end
endmodule
