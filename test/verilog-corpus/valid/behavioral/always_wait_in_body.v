// construct: an always block whose timing control is inside a nested statement
// section: IEEE 1364-2005 9.9.2
// expect: valid
module always_wait_in_body(input go);
  reg busy;
  always begin
    busy = 0;
    if (go) #1 busy = 1;
    else @(go);
  end
endmodule
