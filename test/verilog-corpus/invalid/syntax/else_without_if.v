// construct: else without a matching if
// section: IEEE 1364-2005 9.4
// expect: error on line 7
module else_without_if(input a, output reg y);
  always @* begin
    y = a;
    else y = ~a; // error
  end
endmodule
