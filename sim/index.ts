// sim: how the array behaves cycle by cycle (cycle mode) and in closed form (fast mode), one folder
// per dataflow (os/, ws/) behind the Dataflow interface.
export type { GemmShape, SimConfig, Traffic, PassCounts, TilePass, GemmResult } from './types.ts';
export type { Dataflow, CycleRun } from './dataflow.ts';
export { dataflowFor } from './dataflows.ts';
export { peThroughput, type PeThroughput } from './throughput.ts';
export { simulateGemm, gemmPasses, type SimulateOptions } from './simulate-gemm.ts';
export { simulatePass, passCycles, tilePasses, type PassResult, type GroupPartialEvent, type OutputRowEvent } from './os/index.ts';
export { arrayPassTrace, type PassTrace } from './pass-trace.ts';
export { DEQUANT_LATENCY, dequantGroups } from './dequant-unit.ts';
export { scheduleCycles, scheduleBlockCycles, sumBlocks, type PassBlock, type ScheduledPass } from './dram-schedule.ts';
export { feederOperands, randomGemmOperands, weightOperandAt, isAntWeights, type GemmOperands, type FeederOperands, type Fp16Activations } from './operands.ts';
export { validateGemm } from './validate.ts';
export { gemmActivity, gemmEnergy } from './energy.ts';
export * from './workloads/index.ts';
export { referenceGemm } from './reference-gemm.ts';
