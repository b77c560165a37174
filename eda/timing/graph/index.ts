export { buildTimingGraph, findCell, type CellEdge, type CheckEdge, type GraphInstance, type GraphNet, type GraphPin, type TimingGraph } from './timing-graph.ts';
export { constantNets, type TimingInstance, type TimingNetlist, type TimingPort } from './netlist.ts';
export { netlistFromVerilog, readVerilogNetlist } from './from-verilog.ts';
export { netlistFromDef } from './from-def.ts';
