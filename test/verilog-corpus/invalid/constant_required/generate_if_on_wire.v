// construct: a generate condition on a wire
// section: IEEE 1364-2005 12.4.2
// expect: error on line 5
module generate_if_on_wire(input sel, output y);
  if (sel) begin : g // error
    assign y = 1'b1;
  end
endmodule
