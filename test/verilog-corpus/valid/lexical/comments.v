// construct: line and block comments, including comment-like text inside them
// section: IEEE 1364-2005 3.3
// expect: valid
module comments(input a, /* inline */ output y); // trailing
  /* a block comment
     over several lines // with a line comment inside */
  assign y = a; /* block */ // line
  // /* not a block comment start
endmodule
