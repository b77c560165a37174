// construct: a constant function with a case statement
// section: IEEE 1364-2005 10.4.5
// expect: valid
module constant_function_case(output [W-1:0] y);
  function integer width_of;
    input [1:0] kind;
    case (kind)
      2'd0: width_of = 8;
      2'd1: width_of = 16;
      default: width_of = 32;
    endcase
  endfunction
  localparam W = width_of(2'd1);
  assign y = {W{1'b0}};
endmodule
