// construct: elements of an array of reals read and written by index
// section: IEEE 1364-2005 4.9
// expect: valid
module real_array_element;
  real r [1:0];
  initial begin
    r[0] = -1.0;
    r[1] = r[0] * 2.0;
    if (r[1] != -2.0) $display("FAILED");
  end
endmodule
