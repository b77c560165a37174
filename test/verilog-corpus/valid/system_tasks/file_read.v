// construct: $fgetc, $fgets, $fscanf, $feof, $ungetc, $fread
// section: IEEE 1364-2005 17.2.4
// expect: valid
module file_read;
  integer fd, c, n, r;
  reg [8*80:1] line;
  reg [7:0] mem [0:3];
  initial begin
    fd = $fopen("corpus_in.txt", "r");
    if (fd != 0) begin
      c = $fgetc(fd);
      r = $ungetc(c, fd);
      r = $fgets(line, fd);
      r = $fscanf(fd, "%d", n);
      r = $fread(mem, fd);
      if ($feof(fd)) $display("eof");
      $fclose(fd);
    end
  end
endmodule
