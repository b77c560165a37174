`include "nested_inner.vh"
`define OUTER_VALUE (`INNER_VALUE * 2)
