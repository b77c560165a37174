`ifndef GUARDED_VH
`define GUARDED_VH
localparam GUARD_VALUE = 3;
`endif
