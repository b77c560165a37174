// construct: force and release on a net and a reg
// section: IEEE 1364-2005 9.3.2
// expect: valid
module force_release(input a, output y);
  wire w;
  reg r;
  assign w = a;
  assign y = w;
  initial begin
    force w = 1'b1;
    force r = 1'b0;
    #10 release w;
    release r;
  end
endmodule
