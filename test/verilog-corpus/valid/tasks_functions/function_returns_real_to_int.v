// construct: a real function result assigned to an integer
// section: IEEE 1364-2005 10.4.2
// expect: valid
module function_returns_real_to_int;
  integer i;
  function real third;
    input real x;
    third = x / 3.0;
  endfunction
  initial begin
    i = third(10.0);
    $display("%0d", i);
  end
endmodule
