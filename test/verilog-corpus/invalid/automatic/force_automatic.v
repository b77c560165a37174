// construct: a procedural continuous assignment to an automatic variable
// section: IEEE 1364-2005 10.2.1
// expect: error on line 7
module force_automatic;
  task automatic t;
    reg r;
    assign r = 1'b1; // error
  endtask
  initial t;
endmodule
