// construct: a nonblocking assignment to a task name
// section: IEEE 1364-2005 9.2.2
// expect: error on line 6
module nonblocking_to_memory_part_out_of_type(input clk);
  task t; $display("t"); endtask
  always @(posedge clk) t <= 1'b1; // error
endmodule
