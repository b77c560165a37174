// construct: a generate case with only a default
// section: IEEE 1364-2005 12.4.2
// expect: valid
module case_default_only #(parameter K = 7) (output y);
  case (K)
    default: assign y = 1'b1;
  endcase
endmodule
