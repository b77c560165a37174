// hdl-gen: Verilog generated from the same configuration objects that drive the simulator.
export type * from './verilog/ast.ts';
export { printSourceFile, printModule, expr as printExpr } from './verilog/print.ts';
export { FP16, FP32, floatWidth, quietNaN, addUnit, mulUnit, intToFloatUnit, widenUnit, roundUnit, type FloatFormat, type ModuleSet } from './units/float-units.ts';
export { runRtl, hasRtlSimulator, rtlSimulators, type RtlSimulator, type RtlRun, type RtlResult } from './rtl-sim.ts';
export { generateArrayDesign, type ArrayDesign } from './array/array-design.ts';
export { designParams, configHeader, MAX_SIDE, type DesignParams } from './array/design-params.ts';
export { arrayTestbench, TESTBENCH_TOP, type Testbench } from './array/testbench.ts';
export { cosimVectors, cosimOperands, type CosimVectors, type PassVectors } from './array/cosim-vectors.ts';
export { cosimulate, compareTrace, type CosimOptions, type CosimReport } from './array/cosim.ts';
export { ARRAY_TOP } from './array/array-top.ts';
