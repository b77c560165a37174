/**
 * Weight-stationary fast mode: the closed-form pass figures as blocks. The K tiles (innermost) differ
 * at group starts and ends, so each M and N tile kind gets its list of K tiles with runs of equal
 * consecutive passes merged.
 */
import type { PassBlock } from '../dram-schedule.ts';
import { addDram, mergeRuns, tileRuns } from '../pass-blocks.ts';
import type { GemmShape, PassCounts, SimConfig } from '../types.ts';
import { wsGeometry, wsPassCounts, wsTileDram, type WsTile } from './tiling.ts';

/** The closed-form figures of one pass. */
export function wsFastPass(config: SimConfig, shape: GemmShape, tile: WsTile, index: number): PassCounts {
  return addDram(wsPassCounts(config, shape, tile), wsTileDram(config, shape, tile, index === 0));
}

export function wsFastBlocks(config: SimConfig, shape: GemmShape): PassBlock<PassCounts>[] {
  const { rk, mt } = wsGeometry(config, shape);
  const mRuns = tileRuns(shape.m, mt);
  return tileRuns(shape.n, wsGeometry(config, shape).nt).map((n) => ({
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
