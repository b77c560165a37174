// construct: the wait statement
// section: IEEE 1364-2005 9.7.6
// expect: valid
module wait_stmt;
  reg ready = 0;
  initial begin
    wait (ready) $display("ready");
    wait (!ready);
  end
  initial #5 ready = 1;
endmodule
