// construct: a generate case
// section: IEEE 1364-2005 12.4.2
// expect: valid
module case_gen #(parameter KIND = 1) (input [3:0] a, b, output [3:0] y);
  generate
    case (KIND)
      0: begin : k_and assign y = a & b; end
      1: begin : k_or assign y = a | b; end
      2, 3: begin : k_xor assign y = a ^ b; end
      default: begin : k_none assign y = 4'd0; end
    endcase
  endgenerate
endmodule
