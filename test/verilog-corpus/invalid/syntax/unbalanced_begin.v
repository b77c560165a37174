// construct: begin without end
// section: IEEE 1364-2005 9.8.1
// expect: error on line 7
module unbalanced_begin(input a, output reg y);
  always @* begin
    y = a;
endmodule // error
