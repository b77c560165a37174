// construct: a named sequential block with local declarations
// section: IEEE 1364-2005 9.8.3
// expect: valid
module sequential_block_named;
  initial begin : outer
    reg [3:0] local_r;
    integer k;
    local_r = 4'd2;
    for (k = 0; k < 2; k = k + 1) local_r = local_r + k;
    $display("%d", local_r);
  end
endmodule
