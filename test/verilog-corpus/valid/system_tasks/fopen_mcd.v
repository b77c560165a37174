// construct: $fopen with a multichannel descriptor
// section: IEEE 1364-2005 17.2.1
// expect: valid
module fopen_mcd;
  integer mcd;
  initial begin
    mcd = $fopen("corpus_mcd.txt");
    $fdisplay(mcd | 1, "to file and stdout");
    $fclose(mcd);
  end
endmodule
