import { macsPerCycle } from '../../hw/index.ts';
import { simulateGemm } from '../simulate-gemm.ts';
import { activationTileBytes } from '../tiling.ts';
import type { GemmResult, GemmShape, SimConfig, Traffic } from '../types.ts';

/**
 * Fast-mode figures of a large GEMM without walking all its passes. The fast mode computes each
 * pass in closed form but schedules DRAM pass by pass, which takes seconds for a prefill GEMM with
 * hundreds of thousands of passes. The pass sequence is periodic: N tiles are blocks of identical
 * M-tile passes (only the last tile of each dimension is ragged), and the schedule is a max-plus
 * recurrence that settles into a constant increment per block and per pass. So the simulator is
 * run on the same GEMM with fewer full tiles (keeping K, the ragged last tiles and the buffer
 * residency), and each figure is continued linearly once three consecutive tile counts show the
 * same increment; otherwise the full GEMM is simulated. Tests hold the result equal to the full
 * fast-mode run on random shapes.
 */
export function periodicFastGemm(config: SimConfig, shape: GemmShape): GemmResult {
  const { rows: R, cols: C } = config.array;
  const mTiles = Math.ceil(shape.m / R);
  const nTiles = Math.ceil(shape.n / C);
  // The same extent with fewer full tiles (the ragged last tile kept).
  const mWith = (tiles: number) => shape.m - (mTiles - tiles) * R;
  const nWith = (tiles: number) => shape.n - (nTiles - tiles) * C;
  // Fewer M tiles must not make the activations fit the buffer when the full M does not.
  const halfActivation = config.array.activationBuffer.bytes / 2;
  const mReducible = mTiles > probe[2] && activationTileBytes(config, shape.k, mWith(probe[0])) > halfActivation;
  const nReducible = nTiles > probe[2];
  if (!mReducible && !nReducible) return simulateGemm(config, shape, { mode: 'fast' });
  const run = (mt: number, nt: number) => figures(simulateGemm(config, {
    m: mReducible ? mWith(mt) : shape.m, k: shape.k, n: nReducible ? nWith(nt) : shape.n,
  }, { mode: 'fast' }));
  const alongN = (mt: number) => (nReducible ? continueLinearly(probe.map((nt) => run(mt, nt)), nTiles) : run(mt, 0));
  const result = mReducible ? continueLinearly(probe.map(alongN), mTiles) : alongN(0);
  if (!result) return simulateGemm(config, shape, { mode: 'fast' });
  return fromFigures(config, result);
}

/** Tile counts the probes use (the last ragged tile included); the first is past the start-up transient. */
const probe = [5, 6, 7] as const;

type Figures = Record<string, number>;

function figures(r: GemmResult): Figures {
  return { cycles: r.cycles, computeCycles: r.computeCycles, passes: r.passes, macs: r.macs, groupPartials: r.groupPartials, weightsFed: r.weightsFed, ...r.traffic };
}

/** Continues figures sampled at probe tile counts to `tiles`, or undefined when the increments differ. */
function continueLinearly(samples: readonly (Figures | undefined)[], tiles: number): Figures | undefined {
  const [a, b, c] = samples;
  if (!a || !b || !c) return undefined;
  const out: Figures = {};
  for (const key of Object.keys(c)) {
    const step = c[key] - b[key];
    if (b[key] - a[key] !== step) return undefined;
    out[key] = c[key] + (tiles - probe[2]) * step;
  }
  return out;
}

function fromFigures(config: SimConfig, f: Figures): GemmResult {
  const traffic: Traffic = {
    activationReadBits: f.activationReadBits, weightReadBits: f.weightReadBits, outputWriteBits: f.outputWriteBits,
    weightFillBytes: f.weightFillBytes, activationFillBytes: f.activationFillBytes, dramReadBytes: f.dramReadBytes, dramWriteBytes: f.dramWriteBytes,
  };
  const { rows, cols, clockHz } = config.array;
  return {
    mode: 'fast', cycles: f.cycles, computeCycles: f.computeCycles, stallCycles: f.cycles - f.computeCycles, passes: f.passes,
    macs: f.macs, groupPartials: f.groupPartials, weightsFed: f.weightsFed,
    utilization: f.macs / (rows * cols * macsPerCycle(config.pe) * f.cycles), traffic, seconds: f.cycles / clockHz,
  };
}
