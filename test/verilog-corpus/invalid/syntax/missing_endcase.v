// construct: a case without endcase
// section: IEEE 1364-2005 9.5
// expect: error on line 9
module missing_endcase(input [1:0] s, output reg y);
  always @* begin
    case (s)
      2'd0: y = 0;
      default: y = 1;
  end // error
endmodule
