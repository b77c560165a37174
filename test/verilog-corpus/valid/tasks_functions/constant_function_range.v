// construct: a constant function in a port range
// section: IEEE 1364-2005 10.4.5
// expect: valid
module constant_function_range #(parameter N = 5) (input [bits(N)-1:0] a, output [bits(N)-1:0] y);
  function integer bits;
    input integer v;
    begin
      bits = 1;
      while ((1 << bits) < v) bits = bits + 1;
    end
  endfunction
  assign y = a;
endmodule
