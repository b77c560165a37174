/**
 * Fast mode's pass figures in closed form (docs/sim-cycle-model.md), as blocks of identical passes
 * for the output-stationary tiling: in each dimension only the first tile (DRAM fills) and the last,
 * ragged tile differ, so a GEMM is at most 2 x 3 distinct passes however many passes it has.
 */
import type { PassBlock } from './dram-schedule.ts';
import { dequantGroups, passBufferBits, passCycles } from './pass-model.ts';
import { passDram, type PassDram } from './tiling.ts';
import type { GemmShape, PassCounts, SimConfig } from './types.ts';

export type ArrayCounts = Omit<PassCounts, 'weightFillBytes' | 'activationFillBytes' | 'dramReadBytes' | 'dramWriteBytes'>;

export function addDram(c: ArrayCounts, d: PassDram): PassCounts {
  return {
    ...c,
    weightFillBytes: d.weightFillBytes,
    activationFillBytes: d.activationFillBytes,
    dramReadBytes: d.weightFillBytes + d.activationFillBytes,
    dramWriteBytes: d.writeBytes,
  };
}

/** The closed-form figures of one output-stationary pass of `rows` x `cols` outputs. */
export function fastPassCounts(config: SimConfig, shape: GemmShape, rows: number, cols: number, firstInColumn: boolean, first: boolean): PassCounts {
  const bits = passBufferBits(config, shape.k, { m0: 0, n0: 0, rows, cols });
  return addDram({
    cycles: passCycles(config, shape.k),
    macs: rows * cols * shape.k,
    groupPartials: rows * cols * dequantGroups(config, shape.k),
    weightsFed: cols * shape.k,
    activationReadBits: bits.activation,
    weightReadBits: bits.weight,
    outputWriteBits: bits.output,
  }, passDram(config, shape, rows, cols, firstInColumn, first));
}

/** Tiles of one dimension as runs: the first tile, the other full tiles, the ragged last tile. */
function tileRuns(extent: number, size: number): { size: number; first: boolean; times: number }[] {
  const full = Math.floor(extent / size);
  const ragged = extent % size;
  if (full === 0) return [{ size: ragged, first: true, times: 1 }];
  const runs = [{ size, first: true, times: 1 }];
  if (full > 1) runs.push({ size, first: false, times: full - 1 });
  if (ragged > 0) runs.push({ size: ragged, first: false, times: 1 });
  return runs;
}

/** The output-stationary passes (N tiles outer, M tiles inner) as blocks, in pass order. */
export function fastPassBlocks(config: SimConfig, shape: GemmShape): PassBlock<PassCounts>[] {
  const mRuns = tileRuns(shape.m, config.array.rows);
  return tileRuns(shape.n, config.array.cols).map((n) => ({
    times: n.times,
    body: mRuns.map((m) => ({ times: m.times, pass: fastPassCounts(config, shape, m.size, n.size, m.first, n.first && m.first) })),
  }));
}
