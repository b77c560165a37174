// construct: a task with ANSI-style ports
// section: IEEE 1364-2005 10.2.1
// expect: valid
module task_ansi;
  reg [7:0] r;
  task automatic mul(input [7:0] a, input [7:0] b, output [7:0] p);
    p = a * b;
  endtask
  initial begin
    mul(8'd3, 8'd5, r);
    $display("%d", r);
  end
endmodule
