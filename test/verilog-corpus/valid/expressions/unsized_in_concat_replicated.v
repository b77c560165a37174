// construct: a sized constant replicated inside a concatenation
// section: IEEE 1364-2005 5.1.12
// expect: valid
module unsized_in_concat_replicated(output [7:0] y);
  assign y = {4{2'b01}};
endmodule
