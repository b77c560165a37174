// construct: equality on string values
// section: IEEE 1364-2005 5.1.14
// expect: valid
module string_compare;
  reg [8*4:1] s;
  initial begin
    s = "ping";
    if (s == "ping") $display("match");
  end
endmodule
