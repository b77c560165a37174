// construct: a nonblocking assignment to an automatic function variable
// section: IEEE 1364-2005 10.4.1
// expect: error on line 9
module automatic_function_nonblocking(output [3:0] y);
  function automatic [3:0] f;
    input [3:0] v;
    reg [3:0] t;
    begin
      t <= v; // error
      f = t;
    end
  endfunction
  assign y = f(4'd1);
endmodule
