// construct: an endmodule label that differs from the module name
// section: IEEE 1364-2005 12.1
// expect: error on line 5
module endmodule_label_mismatch;
endmodule : other_name // error
