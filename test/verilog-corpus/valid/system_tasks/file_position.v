// construct: $fseek, $ftell, $rewind, $ferror
// section: IEEE 1364-2005 17.2.5
// expect: valid
module file_position;
  integer fd, pos, r, e;
  reg [8*64:1] msg;
  initial begin
    fd = $fopen("corpus_in.txt", "r");
    r = $fseek(fd, 0, 0);
    pos = $ftell(fd);
    r = $rewind(fd);
    e = $ferror(fd, msg);
    $fclose(fd);
  end
endmodule
