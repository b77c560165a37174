// construct: an unnamed generate block whose genblk<n> name a named block already has (it becomes genblk01)
// section: IEEE 1364-2005 12.4.3
// expect: valid
module genblk_name_taken;
  parameter UP = 1;
  generate
    if (UP) wire a;
    else wire b;
  endgenerate
  generate
    if (UP) begin : genblk1
      wire c;
    end
  endgenerate
  assign genblk01.a = 1'b0;
  assign genblk1.c = 1'b1;
endmodule
