// construct: intra-assignment delays on blocking and nonblocking assignments
// section: IEEE 1364-2005 9.7.7
// expect: valid
module intra_delay;
  reg a, b;
  initial begin
    a = #5 1'b1;
    b <= #3 a;
  end
endmodule
