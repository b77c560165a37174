// construct: a task with old-style port declarations
// section: IEEE 1364-2005 10.2.1
// expect: valid
module task_old_style;
  reg [7:0] r;
  task add;
    input [7:0] a, b;
    output [7:0] s;
    begin
      s = a + b;
    end
  endtask
  initial begin
    add(8'd3, 8'd4, r);
    $display("%d", r);
  end
endmodule
