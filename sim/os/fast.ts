/**
 * Output-stationary fast mode: the closed-form pass figures as blocks of identical passes. In each
 * dimension only the first tile (DRAM fills) and the last, ragged tile differ, so a GEMM is at most
 * 3 x 3 distinct passes however many passes it has.
 */
import type { PassBlock } from '../dram-schedule.ts';
import { addDram, tileRuns } from '../pass-blocks.ts';
import type { GemmShape, PassCounts, SimConfig } from '../types.ts';
import { passArrayCounts } from './pass-model.ts';
import { passColumns, passDram } from './tiling.ts';

/** The closed-form figures of one pass of `rows` x `cols` outputs. */
export function fastPassCounts(config: SimConfig, shape: GemmShape, rows: number, cols: number, firstInColumn: boolean, first: boolean): PassCounts {
  return addDram(passArrayCounts(config, shape.k, rows, cols), passDram(config, shape, rows, cols, firstInColumn, first));
}

/** The passes (N tiles outer, M tiles inner) as blocks, in pass order. */
export function osFastBlocks(config: SimConfig, shape: GemmShape): PassBlock<PassCounts>[] {
  const mRuns = tileRuns(shape.m, config.array.rows);
  return tileRuns(shape.n, passColumns(config)).map((n) => ({
    times: n.times,
    body: mRuns.map((m) => ({ times: m.times, pass: fastPassCounts(config, shape, m.size, n.size, m.first, n.first && m.first) })),
  }));
}
