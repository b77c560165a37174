// construct: waiting for several clock edges with repeat
// section: IEEE 1364-2005 9.7.2
// expect: valid
module repeat_event(input clk);
  initial begin
    repeat (3) @(posedge clk);
    $display("three edges");
  end
endmodule
