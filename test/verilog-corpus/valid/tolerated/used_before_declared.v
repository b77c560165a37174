// construct: a reg used before its declaration (the standard asks for declaration first; all three tools accept it)
// section: IEEE 1364-2005 4.2
// expect: valid
module used_before_declared(output y);
  assign y = r;
  reg r;
endmodule
