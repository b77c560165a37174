// construct: `begin_keywords "1364-2005"
// section: IEEE 1364-2005 19.11
// expect: valid
`begin_keywords "1364-2005"
module begin_keywords(input logic, output y);
  assign y = logic;
endmodule
`end_keywords
