// sim: how the array behaves cycle by cycle (cycle mode) and in closed form (fast mode).
export type { GemmShape, SimConfig, Traffic, PassCounts, TilePass, GemmResult } from './types.ts';
export { simulateGemm, gemmPasses, type SimulateOptions } from './simulate-gemm.ts';
export { simulatePass, type PassResult, type GroupPartialEvent, type OutputRowEvent } from './array-pass.ts';
export { arrayPassTrace, type PassTrace } from './pass-trace.ts';
export { passCycles, dequantGroups, DEQUANT_LATENCY } from './pass-model.ts';
export { tilePasses, passDramTraffic } from './tiling.ts';
export { scheduleCycles, scheduleBlockCycles, sumBlocks, type PassBlock, type ScheduledPass } from './dram-schedule.ts';
export { feederOperands, randomGemmOperands, weightOperandAt, isAntWeights, type GemmOperands, type FeederOperands, type Fp16Activations } from './operands.ts';
export { validateGemm } from './validate.ts';
export { gemmActivity, gemmEnergy } from './energy.ts';
export * from './workloads/index.ts';
export { referenceGemm } from './reference-gemm.ts';
