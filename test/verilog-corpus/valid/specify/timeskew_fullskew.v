// construct: $timeskew and $fullskew
// section: IEEE 1364-2005 15.3
// expect: valid
module timeskew_fullskew(input c1, c2);
  specify
    $timeskew(posedge c1, posedge c2, 3);
    $fullskew(posedge c1, negedge c2, 2, 4);
  endspecify
endmodule
