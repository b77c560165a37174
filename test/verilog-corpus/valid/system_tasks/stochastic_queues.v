// construct: stochastic analysis queue tasks
// section: IEEE 1364-2005 17.6
// expect: valid
module stochastic_queues;
  integer status, v;
  initial begin
    $q_initialize(1, 1, 4, status);
    $q_add(1, 1, 5, status);
    $q_remove(1, 1, v, status);
    $q_exam(1, 1, v, status);
    v = $q_full(1, status);
  end
endmodule
