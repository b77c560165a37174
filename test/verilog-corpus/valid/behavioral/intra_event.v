// construct: intra-assignment event controls, with repeat
// section: IEEE 1364-2005 9.7.7
// expect: valid
module intra_event(input clk, input d);
  reg q1, q2;
  initial begin
    q1 = @(posedge clk) d;
    q2 <= repeat (3) @(posedge clk) d;
  end
endmodule
