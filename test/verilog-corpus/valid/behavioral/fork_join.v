// construct: a parallel block
// section: IEEE 1364-2005 9.8.2
// expect: valid
module fork_join;
  reg a, b;
  initial fork
    #1 a = 1;
    #2 b = 0;
    begin #3 a = 0; end
  join
endmodule
