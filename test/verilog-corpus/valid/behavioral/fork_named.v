// construct: a named parallel block with declarations, disabled from inside
// section: IEEE 1364-2005 9.8.2
// expect: valid
module fork_named;
  initial fork : par
    reg t;
    #1 t = 1;
    #5 disable par;
  join
endmodule
