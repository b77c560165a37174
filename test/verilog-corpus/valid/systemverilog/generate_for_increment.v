// construct: i++ and i-- as a generate loop's step
// section: IEEE 1800-2017 27.4
// expect: valid
module generate_for_increment;
  genvar i, j;
  generate
    for (i = 0; i < 4; i++) begin : up
      wire [i:0] w;
    end
    for (j = 3; j >= 0; j--) begin : down
      wire x;
    end
  endgenerate
endmodule
