// construct: two port names without a comma
// section: IEEE 1364-2005 12.3.4
// expect: error on line 4
module port_list_missing_comma(input a b, output y); // error
  assign y = a;
endmodule
