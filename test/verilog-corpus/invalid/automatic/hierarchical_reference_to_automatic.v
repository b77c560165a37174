// construct: a hierarchical reference to an automatic task variable
// section: IEEE 1364-2005 10.2.1
// expect: error on line 9
module hierarchical_reference_to_automatic;
  task automatic t;
    reg r;
    r = 1'b0;
  endtask
  initial $display(t.r); // error
endmodule
