// construct: wait inside a forever loop
// section: IEEE 1364-2005 9.7.6
// expect: valid
module wait_in_task_forever;
  reg go = 0;
  initial forever begin
    wait (go);
    go = 0;
    #1;
  end
endmodule
