/** Helpers both dataflows' fast modes share: runs of identical tiles, merged runs, DRAM fields. */
import type { PassBlock } from './dram-schedule.ts';
import type { PassCounts } from './types.ts';

export type ArrayCounts = Omit<PassCounts, 'weightFillBytes' | 'activationFillBytes' | 'dramReadBytes' | 'dramWriteBytes'>;

/** A pass's DRAM traffic: fills of the weight and activation buffers, and output writes. */
export interface PassDram {
  readonly weightFillBytes: number;
  readonly activationFillBytes: number;
  readonly writeBytes: number;
}

/** Fields written out: an object spread plus new keys costs ~5 us in Node 20 (fast mode makes thousands). */
export function addDram(c: ArrayCounts, d: PassDram): PassCounts {
  return {
    cycles: c.cycles, macs: c.macs, groupPartials: c.groupPartials, weightsFed: c.weightsFed,
    activationReadBits: c.activationReadBits, weightReadBits: c.weightReadBits, outputWriteBits: c.outputWriteBits,
    weightFillBytes: d.weightFillBytes,
    activationFillBytes: d.activationFillBytes,
    dramReadBytes: d.weightFillBytes + d.activationFillBytes,
    dramWriteBytes: d.writeBytes,
  };
}

/** Tiles of one dimension as runs: the first tile, the other full tiles, the ragged last tile. */
export function tileRuns(extent: number, size: number): { size: number; first: boolean; times: number }[] {
  const full = Math.floor(extent / size);
  const ragged = extent % size;
  if (full === 0) return [{ size: ragged, first: true, times: 1 }];
  const runs = [{ size, first: true, times: 1 }];
  if (full > 1) runs.push({ size, first: false, times: full - 1 });
  if (ragged > 0) runs.push({ size: ragged, first: false, times: 1 });
  return runs;
}

/** Consecutive equal passes as one block each. */
export function mergeRuns(passes: readonly PassCounts[]): PassBlock<PassCounts>[] {
  const runs: { pass: PassCounts; times: number }[] = [];
  const same = (a: PassCounts, b: PassCounts) => (Object.keys(a) as (keyof PassCounts)[]).every((key) => a[key] === b[key]);
  for (const pass of passes) {
    const last = runs[runs.length - 1];
    if (last && same(last.pass, pass)) last.times++;
    else runs.push({ pass, times: 1 });
  }
  return runs;
}
