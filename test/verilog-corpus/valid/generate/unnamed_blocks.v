// construct: unnamed generate blocks (genblk names)
// section: IEEE 1364-2005 12.4.3
// expect: valid
module unnamed_blocks #(parameter P = 1) (input a, output y, z);
  if (P) begin
    wire t = ~a;
    assign y = t;
  end
  if (!P) begin
    assign y = a;
  end
  assign z = genblk1.t;
endmodule
