// construct: a case with no default and a null item
// section: IEEE 1364-2005 9.5
// expect: valid
module case_no_default(input [1:0] s, output reg y);
  always @* begin
    y = 1'b0;
    case (s)
      2'd1: y = 1'b1;
      2'd2: ;
    endcase
  end
endmodule
