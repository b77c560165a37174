// construct: value change dump tasks
// section: IEEE 1364-2005 18
// expect: valid
module dumpvars;
  reg a = 0;
  initial begin
    $dumpfile("corpus.vcd");
    $dumpvars(0, dumpvars);
    $dumpvars;
    #1 $dumpoff;
    #1 $dumpon;
    $dumpall;
    $dumpflush;
    $dumplimit(1000);
  end
endmodule
