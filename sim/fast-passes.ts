/**
 * Fast mode's pass figures in closed form (docs/sim-cycle-model.md), as blocks of identical passes.
 * Output-stationary: in each dimension only the first tile (DRAM fills) and the last, ragged tile
 * differ, so a GEMM is at most 3 x 3 distinct passes however many passes it has. Weight-stationary
 * adds the K tiles (innermost), which differ at group starts and ends: one list per M and N tile
 * kind, with runs of equal consecutive passes merged.
 */
import type { PassBlock } from './dram-schedule.ts';
import { dequantGroups, passBufferBits, passCycles } from './pass-model.ts';
import { passDram, type PassDram } from './tiling.ts';
import type { GemmShape, PassCounts, SimConfig } from './types.ts';
import { wsGeometry, wsPassCounts, wsTileDram } from './ws-pass.ts';

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

/** The passes (N tiles outer, M tiles inner, WS K tiles innermost) as blocks, in pass order. */
export function fastPassBlocks(config: SimConfig, shape: GemmShape): PassBlock<PassCounts>[] {
  if (config.array.dataflow === 'weight-stationary') return wsFastBlocks(config, shape);
  const mRuns = tileRuns(shape.m, config.array.rows);
  return tileRuns(shape.n, config.array.cols).map((n) => ({
    times: n.times,
    body: mRuns.map((m) => ({ times: m.times, pass: fastPassCounts(config, shape, m.size, n.size, m.first, n.first && m.first) })),
  }));
}

function wsFastBlocks(config: SimConfig, shape: GemmShape): PassBlock<PassCounts>[] {
  const { rk, mt } = wsGeometry(config, shape);
  const mRuns = tileRuns(shape.m, mt);
  return tileRuns(shape.n, config.array.cols).map((n) => ({
    times: n.times,
    body: mRuns.map((m) => {
      const kTiles: PassCounts[] = [];
      for (let k0 = 0; k0 < shape.k; k0 += rk) {
        const tile = { m0: m.first ? 0 : mt, rows: m.size, n0: 0, cols: n.size, k0 };
        kTiles.push(addDram(wsPassCounts(config, shape, tile), wsTileDram(config, shape, tile, n.first && m.first && k0 === 0)));
      }
      return { times: m.times, body: mergeRuns(kTiles) };
    }),
  }));
}

/** Consecutive equal passes as one block each. */
function mergeRuns(passes: readonly PassCounts[]): PassBlock<PassCounts>[] {
  const runs: { pass: PassCounts; times: number }[] = [];
  const same = (a: PassCounts, b: PassCounts) => (Object.keys(a) as (keyof PassCounts)[]).every((key) => a[key] === b[key]);
  for (const pass of passes) {
    const last = runs[runs.length - 1];
    if (last && same(last.pass, pass)) last.times++;
    else runs.push({ pass, times: 1 });
  }
  return runs;
}
