// construct: an event control on an automatic variable inside its automatic task
// section: IEEE 1364-2005 10.2.1
// expect: valid
module event_on_automatic;
  task automatic wait_change(input integer n);
    reg [7:0] v;
    fork
      @(v) $display("changed %0d", n);
      #1 v = 8'd1;
    join
  endtask
  initial wait_change(1);
endmodule
