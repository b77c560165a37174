// construct: $recovery, $removal and $recrem
// section: IEEE 1364-2005 15.2
// expect: valid
module recovery_removal(input clk, rst);
  specify
    $recovery(posedge rst, posedge clk, 3);
    $removal(posedge rst, posedge clk, 1);
    $recrem(posedge rst, posedge clk, 3, 1);
  endspecify
endmodule
