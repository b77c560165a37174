// construct: a task with timing controls
// section: IEEE 1364-2005 10.2.1
// expect: valid
module task_timing(input clk);
  reg [7:0] data;
  task send;
    input [7:0] v;
    begin
      @(posedge clk) data = v;
      #2 data = 8'h00;
    end
  endtask
  initial send(8'hAB);
endmodule
