// construct: an undeclared identifier inside a generate loop
// section: IEEE 1364-2005 12.4.1
// expect: error on line 7
module generate_body(output [3:0] y);
  genvar i;
  for (i = 0; i < 4; i = i + 1) begin : g
    assign y[i] = src[i]; // error
  end
endmodule
