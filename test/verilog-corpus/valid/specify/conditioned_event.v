// construct: a timing check with a conditioned event (&&&)
// section: IEEE 1364-2005 15.6
// expect: valid
module conditioned_event(input clk, d, en);
  specify
    $setup(d, posedge clk &&& en, 1);
  endspecify
endmodule
