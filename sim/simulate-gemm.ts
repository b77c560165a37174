/**
 * A whole GEMM on the array: tiling into passes, each pass simulated (cycle mode) or computed in
 * closed form (fast mode), then the double-buffered DRAM schedule over the passes.
 */
import { macsPerCycle } from '../hw/index.ts';
import { simulatePass } from './array-pass.ts';
import { scheduleBlockCycles, sumBlocks, type PassBlock } from './dram-schedule.ts';
import { addDram, fastPassBlocks, fastPassCounts } from './fast-passes.ts';
import { feederOperands, randomGemmOperands, type GemmOperands } from './operands.ts';
import { passDramTraffic, tilePasses } from './tiling.ts';
import type { GemmResult, GemmShape, PassCounts, SimConfig } from './types.ts';
import { validateGemm } from './validate.ts';
import { simulateWsPass, wsGeometry, wsPassCounts, wsPassDram, wsTiles, type WsTileState } from './ws-pass.ts';

export interface SimulateOptions {
  readonly mode: 'cycle' | 'fast';
  /** Cycle mode: the operands (default: seeded random operands from `seed`). */
  readonly operands?: GemmOperands;
  readonly seed?: number;
}

/** Per-pass figures of a GEMM, in the given mode, before the DRAM schedule. */
export function gemmPasses(config: SimConfig, shape: GemmShape, options: SimulateOptions): { passes: PassCounts[]; output?: Float32Array } {
  validateGemm(config, shape);
  if (config.array.dataflow === 'weight-stationary') return wsGemmPasses(config, shape, options);
  const tiles = tilePasses(config, shape);
  if (options.mode === 'fast') return { passes: tiles.map((t, i) => fastPassCounts(config, shape, t.rows, t.cols, t.m0 === 0, i === 0)) };
  const dram = passDramTraffic(config, shape, tiles);
  const ops = feederOperands(config, options.operands ?? randomGemmOperands(config, shape, options.seed ?? 1));
  const output = new Float32Array(shape.m * shape.n);
  const passes = tiles.map((t, i) => addDram(simulatePass(config, ops, shape, t, output), dram[i]!));
  return { passes, output };
}

/** The weight-stationary dataflow's passes (K tiles innermost; see ws-pass.ts). */
function wsGemmPasses(config: SimConfig, shape: GemmShape, options: SimulateOptions): { passes: PassCounts[]; output?: Float32Array } {
  const tiles = wsTiles(config, shape);
  const dram = wsPassDram(config, shape, tiles);
  const counts = tiles.map((t) => wsPassCounts(config, shape, t));
  if (options.mode === 'fast') return { passes: counts.map((c, i) => addDram(c, dram[i]!)) };
  const ops = feederOperands(config, options.operands ?? randomGemmOperands(config, shape, options.seed ?? 1));
  const output = new Float32Array(shape.m * shape.n);
  const { mt } = wsGeometry(config, shape);
  const C = config.array.cols;
  let state: WsTileState | undefined;
  const passes = tiles.map((t, i) => {
    if (t.k0 === 0) state = { partial: ops.integer ? new Int32Array(mt * C) : new Float64Array(mt * C), out: new Float64Array(mt * C) };
    const r = simulateWsPass(config, ops, shape, t, state!, output);
    return addDram({ ...counts[i]!, cycles: r.cycles }, dram[i]!);
  });
  return { passes, output };
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
    blocks = fastPassBlocks(config, shape);
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
