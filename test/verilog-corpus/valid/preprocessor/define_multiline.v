// construct: `define continued over several lines with backslashes
// section: IEEE 1364-2005 19.3
// expect: valid
`define SWAP(a, b) \
  begin \
    tmp = a; \
    a = b; \
    b = tmp; \
  end
module define_multiline;
  reg [3:0] p, q, tmp;
  initial begin
    p = 1; q = 2;
    `SWAP(p, q)
    $display("%d %d", p, q);
  end
endmodule
