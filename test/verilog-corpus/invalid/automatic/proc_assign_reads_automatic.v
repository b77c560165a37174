// construct: a procedural continuous assignment that reads an automatic variable
// section: IEEE 1364-2005 9.3.1
// expect: error on line 8
module proc_assign_reads_automatic;
  reg g;
  task automatic t;
    reg local_value;
    begin assign g = local_value; end // error
  endtask
endmodule
