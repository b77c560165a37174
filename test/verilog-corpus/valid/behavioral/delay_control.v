// construct: delay controls with constants, parameters and expressions
// section: IEEE 1364-2005 9.7.1
// expect: valid
module delay_control;
  parameter D = 3;
  reg a;
  integer k = 2;
  initial begin
    #1 a = 0;
    #D a = 1;
    #(k * 2) a = 0;
    #(1.5) a = 1;
    #0 a = 0;
  end
endmodule
