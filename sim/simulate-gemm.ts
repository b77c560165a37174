/**
 * A whole GEMM on the array: tiling into passes, each pass simulated (cycle mode) or computed in
 * closed form (fast mode), then the double-buffered DRAM schedule over the passes.
 */
import { macsPerCycle } from '../hw/index.ts';
import { simulatePass } from './array-pass.ts';
import { scheduleCycles } from './dram-schedule.ts';
import { feederOperands, randomGemmOperands, type GemmOperands } from './operands.ts';
import { dequantGroups, passBufferBits, passCycles } from './pass-model.ts';
import { passDramTraffic, tilePasses, type PassDram } from './tiling.ts';
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
  const dram = passDramTraffic(config, shape, tiles);
  const withDram = (i: number, c: ArrayCounts) => addDram(c, dram[i]!);
  if (options.mode === 'fast') {
    const cycles = passCycles(config, shape.k);
    const groups = dequantGroups(config, shape.k);
    const passes = tiles.map((t, i) => {
      const bits = passBufferBits(config, shape.k, t);
      return withDram(i, {
        cycles,
        macs: t.rows * t.cols * shape.k,
        groupPartials: t.rows * t.cols * groups,
        weightsFed: t.cols * shape.k,
        activationReadBits: bits.activation,
        weightReadBits: bits.weight,
        outputWriteBits: bits.output,
      });
    });
    return { passes };
  }
  const ops = feederOperands(config, options.operands ?? randomGemmOperands(config, shape, options.seed ?? 1));
  const output = new Float32Array(shape.m * shape.n);
  const passes = tiles.map((t, i) => {
    const r = simulatePass(config, ops, shape, t, output);
    return withDram(i, r);
  });
  return { passes, output };
}

type ArrayCounts = Omit<PassCounts, 'weightFillBytes' | 'activationFillBytes' | 'dramReadBytes' | 'dramWriteBytes'>;

function addDram(c: ArrayCounts, d: PassDram): PassCounts {
  return {
    ...c,
    weightFillBytes: d.weightFillBytes,
    activationFillBytes: d.activationFillBytes,
    dramReadBytes: d.weightFillBytes + d.activationFillBytes,
    dramWriteBytes: d.writeBytes,
  };
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

export function simulateGemm(config: SimConfig, shape: GemmShape, options: SimulateOptions): GemmResult {
  const { passes, output } = gemmPasses(config, shape, options);
  const sum = (f: (p: PassCounts) => number) => passes.reduce((s, p) => s + f(p), 0);
  const cycles = scheduleCycles(
    passes.map((p) => ({ cycles: p.cycles, readBytes: p.dramReadBytes, writeBytes: p.dramWriteBytes })),
    config.array.dramBytesPerCycle,
  );
  const computeCycles = sum((p) => p.cycles);
  const macs = sum((p) => p.macs);
  const { rows, cols } = config.array;
  return {
    mode: options.mode,
    cycles,
    computeCycles,
    stallCycles: cycles - computeCycles,
    passes: passes.length,
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
