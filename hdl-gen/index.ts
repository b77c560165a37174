// hdl-gen: Verilog generated from the same configuration objects that drive the simulator.
export type * from './verilog/ast.ts';
export { printSourceFile, printModule, expr as printExpr } from './verilog/print.ts';
export { FP16, FP32, floatWidth, quietNaN, addUnit, mulUnit, intToFloatUnit, widenUnit, roundUnit, type FloatFormat, type ModuleSet } from './units/float-units.ts';
export { runRtl, hasRtlSimulator, rtlSimulators, type RtlSimulator, type RtlRun, type RtlResult } from './rtl-sim.ts';
