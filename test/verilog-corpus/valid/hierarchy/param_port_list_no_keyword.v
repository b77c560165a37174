// construct: parameter port list entries after the first without the keyword
// section: IEEE 1364-2005 12.2
// expect: valid
module param_port_list_no_keyword #(parameter A = 1, B = 2, C = 3) (output [7:0] y);
  assign y = A + B + C;
endmodule
