// construct: $fopen, $fdisplay, $fwrite, $fclose
// section: IEEE 1364-2005 17.2
// expect: valid
module file_io;
  integer fd;
  initial begin
    fd = $fopen("corpus_out.txt", "w");
    $fdisplay(fd, "line %0d", 1);
    $fwrite(fd, "more\n");
    $fstrobe(fd, "strobe");
    $fmonitor(fd, "mon");
    $fflush(fd);
    $fclose(fd);
  end
endmodule
