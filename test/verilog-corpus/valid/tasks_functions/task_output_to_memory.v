// construct: a task output written to a memory word and a bit select
// section: IEEE 1364-2005 10.2.2
// expect: valid
module task_output_to_memory;
  reg [3:0] mem [0:1];
  reg [7:0] v;
  task make; output [3:0] o; o = 4'hA; endtask
  initial begin
    make(mem[1]);
    make(v[7:4]);
  end
endmodule
