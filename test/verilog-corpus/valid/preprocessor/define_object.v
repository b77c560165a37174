// construct: object-like `define
// section: IEEE 1364-2005 19.3
// expect: valid
`define WIDTH 16
module define_object(input [`WIDTH-1:0] a, output [`WIDTH-1:0] y);
  assign y = ~a;
endmodule
