// construct: $monitor with expressions and %m
// section: IEEE 1364-2005 17.1
// expect: valid
module monitor_expression;
  reg [3:0] a = 0, b = 1;
  initial begin
    $monitor("%m %t a+b=%d", $time, a + b);
    #1 a = 2;
  end
endmodule
