// construct: return in a function (SystemVerilog, not Verilog-2005)
// section: IEEE 1800-2017 13.4.1
// expect: error on line 6
module function_return(input [3:0] a, output [3:0] y);
  function automatic [3:0] clamp(input [3:0] v);
    if (v > 4'd9) return 4'd9; // error
    return v;
  endfunction
  assign y = clamp(a);
endmodule
