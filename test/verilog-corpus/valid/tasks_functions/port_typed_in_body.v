// construct: task and function inputs declared without a type, typed by a later integer or real declaration
// section: IEEE 1364-2005 10.3.1
// expect: valid
module port_typed_in_body;
  function integer log2_ceil;
    input value;
    integer value;
    for (log2_ceil = 0; value > 0; log2_ceil = log2_ceil + 1) value = value >> 1;
  endfunction
  function real half;
    input x;
    real x;
    half = x / 2.0;
  endfunction
  initial $display("%0d %f", log2_ceil(9), half(3.0));
endmodule
