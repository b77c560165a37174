// construct: $finish and $stop with arguments
// section: IEEE 1364-2005 17.4
// expect: valid
module finish_stop;
  initial begin
    #10 $stop(0);
    #10 $finish(2);
  end
endmodule
