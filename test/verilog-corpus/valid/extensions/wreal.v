// construct: Verilog-AMS wreal nets (read as real-valued nets, with a warning)
// section: Verilog-AMS 2.4 3.7
// expect: valid
module wreal_nets;
  real in;
  wreal out;
  wreal c = 2.25;
  wreal_buffer u (out, in);
  initial begin
    in = 1.0;
    #1 $display("%f %f", out, c);
  end
endmodule

module wreal_buffer(output wreal y, input wreal a);
  assign y = a;
endmodule
