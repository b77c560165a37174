// construct: a nonblocking assignment to an automatic task variable
// section: IEEE 1364-2005 10.2.1
// expect: error on line 7
module nonblocking_to_automatic;
  task automatic t;
    reg [3:0] local_r;
    local_r <= 4'd1; // error
  endtask
  initial t;
endmodule
