// construct: $display, $write, $strobe, $monitor and their b/o/h forms
// section: IEEE 1364-2005 17.1
// expect: valid
module display_family;
  reg [7:0] v = 8'h2A;
  initial begin
    $display("dec %d hex %h bin %b oct %o", v, v, v, v);
    $displayb(v);
    $displayh(v);
    $displayo(v);
    $write("w %0d", v);
    $writeh(v);
    $strobe("strobe %d", v);
    $strobeb(v);
    $monitor("mon %d", v);
    $monitoroff;
    $monitoron;
  end
endmodule
