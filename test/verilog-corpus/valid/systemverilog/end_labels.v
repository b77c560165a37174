// construct: labels after end, endmodule, endfunction and endtask
// section: IEEE 1800-2017 9.3.5
// expect: valid
module end_labels(input a, output y);
  function f;
    input v;
    f = ~v;
  endfunction : f
  task t;
    $display("t");
  endtask : t
  initial begin : blk
    t;
  end : blk
  assign y = f(a);
endmodule : end_labels
