// construct: a task input declared without a range, then as a reg with one (IEEE 1364-2005 asks for the same range in both; iverilog and Verilator use the reg's, so it is a warning)
// section: IEEE 1364-2005 10.2.1
// expect: valid
module task_scalar_input_given_range;
  reg [7:0] r;
  task show;
    input n;
    reg [7:0] n;
    r = n;
  endtask
  initial show(8'hA5);
endmodule
