// construct: an end without a begin
// section: IEEE 1364-2005 9.8.1
// expect: error on line 6
module extra_end(input a, output reg y);
  always @* y = a;
  end // error
endmodule
