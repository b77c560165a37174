// construct: a generate case on a wire
// section: IEEE 1364-2005 12.4.2
// expect: error on line 5
module generate_case_on_wire(input [1:0] s, output y);
  case (s) // error
    0: assign y = 1'b0;
    default: assign y = 1'b1;
  endcase
endmodule
