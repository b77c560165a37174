// construct: named events triggered and waited on
// section: IEEE 1364-2005 9.7.3
// expect: valid
module event_variable;
  event go, done;
  initial begin
    #1 -> go;
    @done $display("done");
  end
  always @go -> done;
endmodule
