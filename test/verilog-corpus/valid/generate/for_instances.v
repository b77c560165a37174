// construct: module instances in a generate loop
// section: IEEE 1364-2005 12.4.1
// expect: valid
module fi_cell(input a, b, cin, output s, cout);
  assign {cout, s} = a + b + cin;
endmodule
module for_instances(input [3:0] a, b, output [3:0] s, output co);
  wire [4:0] c;
  assign c[0] = 1'b0;
  genvar i;
  generate
    for (i = 0; i < 4; i = i + 1) begin : stage
      fi_cell fa (a[i], b[i], c[i], s[i], c[i+1]);
    end
  endgenerate
  assign co = c[4];
endmodule
