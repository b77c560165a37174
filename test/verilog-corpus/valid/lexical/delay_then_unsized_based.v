// construct: a delay followed by an unsized based number (#1 'h1 is two tokens)
// section: IEEE 1364-2005 3.5.1
// expect: valid
module delay_then_unsized_based;
  reg [15:0] r;
  initial begin
    r = #1 'h0001;
    #1 r = 'h0002;
  end
endmodule
