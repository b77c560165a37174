// construct: a second timing control inside always_ff
// section: IEEE 1800-2017 9.2.2.4
// expect: error on line 7
module always_ff_second_control;
  reg q, d, clk;
  always_ff @(posedge clk) begin
    #1 q <= d; // error
  end
endmodule
