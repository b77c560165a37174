/**
 * A whole GEMM on the array through its dataflow (sim/dataflow.ts): passes computed in closed form
 * (fast mode) or stepped with values (cycle mode), then the double-buffered DRAM schedule over them.
 */
import { macsPerCycle } from '../hw/index.ts';
import { dataflowFor } from './dataflows.ts';
import { scheduleBlockCycles, sumBlocks, type PassBlock } from './dram-schedule.ts';
import { feederOperands, randomGemmOperands, type GemmOperands } from './operands.ts';
import type { GemmResult, GemmShape, PassCounts, SimConfig } from './types.ts';
import { validateGemm } from './validate.ts';

export interface SimulateOptions {
  readonly mode: 'cycle' | 'fast';
  /** Cycle mode: the operands (default: seeded random operands from `seed`). */
  readonly operands?: GemmOperands;
  readonly seed?: number;
}

/** Per-pass figures of a GEMM, in the given mode, before the DRAM schedule. */
export function gemmPasses(config: SimConfig, shape: GemmShape, options: SimulateOptions): { passes: PassCounts[]; output?: Float32Array } {
  validateGemm(config, shape);
  const dataflow = dataflowFor(config);
  if (options.mode === 'fast') return { passes: dataflow.tiles(config, shape).map((t, i) => dataflow.fastPass(config, shape, t, i)) };
  const ops = feederOperands(config, options.operands ?? randomGemmOperands(config, shape, options.seed ?? 1));
  return dataflow.runCycles(config, shape, ops);
}

/**
 * A GEMM's cycles (after the DRAM schedule), operation counts and traffic. Fast mode works on
 * blocks of identical passes, so its time does not grow with the number of passes.
 */
export function simulateGemm(config: SimConfig, shape: GemmShape, options: SimulateOptions): GemmResult {
  let blocks: PassBlock<PassCounts>[];
  let output: Float32Array | undefined;
  if (options.mode === 'fast') {
    validateGemm(config, shape);
    blocks = dataflowFor(config).fastBlocks(config, shape);
  } else {
    const r = gemmPasses(config, shape, options);
    blocks = r.passes.map((pass) => ({ pass, times: 1 }));
    output = r.output;
  }
  const sum = (f: (p: PassCounts) => number) => sumBlocks(blocks, f);
  const cycles = scheduleBlockCycles(blocks, config.array.dramBytesPerCycle, (p) => ({ cycles: p.cycles, readBytes: p.dramReadBytes, writeBytes: p.dramWriteBytes }));
  const computeCycles = sum((p) => p.cycles);
  const macs = sum((p) => p.macs);
  const { rows, cols } = config.array;
  return {
    mode: options.mode,
    cycles,
    computeCycles,
    stallCycles: cycles - computeCycles,
    passes: sum(() => 1),
    macs,
    groupPartials: sum((p) => p.groupPartials),
    weightsFed: sum((p) => p.weightsFed),
    utilization: macs / (rows * cols * macsPerCycle(config.pe) * cycles),
    traffic: {
      activationReadBits: sum((p) => p.activationReadBits),
      weightReadBits: sum((p) => p.weightReadBits),
      outputWriteBits: sum((p) => p.outputWriteBits),
      weightFillBytes: sum((p) => p.weightFillBytes),
      activationFillBytes: sum((p) => p.activationFillBytes),
      dramReadBytes: sum((p) => p.dramReadBytes),
      dramWriteBytes: sum((p) => p.dramWriteBytes),
    },
    seconds: cycles / config.array.clockHz,
    output,
  };
}
