// construct: a generate case item that is not constant
// section: IEEE 1364-2005 12.4.2
// expect: error on line 6
module generate_case_item_variable #(parameter K = 1) (input [1:0] s, output y);
  case (K)
    s: assign y = 1'b0; // error
    default: assign y = 1'b1;
  endcase
endmodule
