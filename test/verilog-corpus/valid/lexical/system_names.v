// construct: system task and function names
// section: IEEE 1364-2005 3.7.3
// expect: valid
module system_names;
  integer t;
  initial begin
    t = $time;
    $display("time %0d", t);
    $finish;
  end
endmodule
