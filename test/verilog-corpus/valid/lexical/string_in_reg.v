// construct: a string stored in a reg, 8 bits per character
// section: IEEE 1364-2005 3.6.1
// expect: valid
module string_in_reg;
  reg [8*11:1] s;
  initial begin
    s = "hello world";
    $display("%s", s);
  end
endmodule
