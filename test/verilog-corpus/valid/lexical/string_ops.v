// construct: strings compared and concatenated as vectors
// section: IEEE 1364-2005 3.6.2
// expect: valid
module string_ops;
  reg [8*5:1] a, b;
  reg [8*10:1] c;
  initial begin
    a = "abc";
    b = "abd";
    c = {a, b};
    if (a < b) $display("%s", c);
  end
endmodule
