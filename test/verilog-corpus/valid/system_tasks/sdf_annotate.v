// construct: $sdf_annotate
// section: IEEE 1364-2005 17.2.10
// expect: valid
module sdf_annotate;
  initial $sdf_annotate("corpus.sdf", sdf_annotate);
endmodule
