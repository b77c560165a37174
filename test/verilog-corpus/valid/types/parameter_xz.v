// construct: parameters with x and z bits
// section: IEEE 1364-2005 4.10.1
// expect: valid
module parameter_xz(output [3:0] y, output [7:0] z);
  parameter [3:0] P = 4'b1x0z;
  localparam [7:0] Q = 8'hzz;
  assign y = P;
  assign z = Q;
endmodule
