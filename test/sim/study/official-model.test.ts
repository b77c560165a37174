// The reference mode against the official simulator's own published figures: per-layer stats from
// its committed results/float.csv (an FP16 32x32 run: cycles, stalls and every buffer/DRAM count),
// and the 24 per-model times and the energy means of its published table.
import { describe, expect, it } from 'vitest';
import type { StudyPeKind } from '../../../hw/energy/index.ts';
import { officialModelIds, publishedMixpe, runOfficialModel } from '../../../sim/study/index.ts';
import { bestTiling, type OfficialAccelerator, type OfficialLayer } from '../../../sim/study/official/index.ts';

// results/float.csv of github.com/yuzhang712/mixpe_simulator (N = M = 32, 16-bit, batch 64): Cycles,
// Memory wait cycles, WBUF Read, WBUF Write, OBUF Read, OBUF Write, IBUF Read, IBUF Write, DRAM Read, DRAM Write.
const float32x32: readonly [string, OfficialLayer, readonly number[]][] = [
  ['vit fc 768->2304', linear(768, 2304), [110688, 96, 1811939328, 56623104, 115605504, 113246208, 1811939328, 28311552, 84934656, 2359296]],
  ['vit fc 768->768', linear(768, 768), [36960, 96, 603979776, 18874368, 38535168, 37748736, 603979776, 9437184, 28311552, 786432]],
  ['vit fc 3072->768', linear(3072, 768), [147504, 48, 2415919104, 75497472, 76283904, 75497472, 2415919104, 37748736, 113246208, 786432]],
  ['vit_huge fc 1280->3840', linear(1280, 3840), [307248, 48, 5033164800, 78643200, 161218560, 157286400, 5033164800, 157286400, 235929600, 3932160]],
  ['vit_huge fc 5120->1280', linear(5120, 1280), [409648, 48, 6710886400, 209715200, 211025920, 209715200, 6710886400, 104857600, 314572800, 1310720]],
  ['vit conv 16x16/16, 3->768', { kernel: 16, out: 14, stride: 16, inChannels: 3, outChannels: 768, batch: 64, bits: 16 },
    [7225600, 256, 118380036096, 9437184, 924844032, 462422016, 118380036096, 3699376128, 3708813312, 462422016]],
];

function linear(k: number, n: number): OfficialLayer {
  return { kernel: 1, out: 1, stride: 1, inChannels: k, outChannels: n, batch: 64, bits: 16 };
}

describe('official cost model (reference mode)', () => {
  it('reproduces every count of the official per-layer results', () => {
    const acc: OfficialAccelerator = { pe: 'fp16', label: 'FP16 32x32', rows: 32, cols: 32, pmax: 16, pmin: 16, source: 'results/float.csv' };
    for (const [name, layer, want] of float32x32) {
      const s = bestTiling(acc, layer).stats;
      expect([s.cycles, s.stallCycles, s.reads.wgt, s.writes.wgt, s.reads.out, s.writes.out, s.reads.act, s.writes.act, s.reads.dram, s.writes.dram], name).toEqual(want);
    }
  });

  const result = runOfficialModel();

  it('gives all 24 published per-model times within 0.01 and the published means', () => {
    let worst = 0;
    for (const model of officialModelIds) {
      for (const [pe, published] of Object.entries(publishedMixpe.timeByModel[model])) {
        const ours = result.models[model][pe as StudyPeKind].time;
        worst = Math.max(worst, Math.abs(ours - published));
        expect(Math.abs(ours - published), `${model} ${pe}: ${ours.toFixed(3)} vs ${published}`).toBeLessThanOrEqual(0.01);
      }
    }
    expect(worst).toBeLessThanOrEqual(0.01);
    for (const [pe, published] of Object.entries(publishedMixpe.time)) {
      expect(Math.abs(result.arithmeticMean[pe as StudyPeKind].time - published), pe).toBeLessThanOrEqual(0.01);
    }
    // The true geometric means the published "Geomean" row is not.
    expect(result.geometricMean['mixpe-w4a8'].time).toBeCloseTo(0.114, 2);
    expect(result.geometricMean.ant.time).toBeCloseTo(0.463, 2);
    expect(result.geometricMean['mixpe-w4a16'].time).toBeCloseTo(0.28, 2);
  });

  it('gives the published energy means within 0.01', () => {
    for (const [pe, published] of Object.entries(publishedMixpe.energy)) {
      const ours = result.arithmeticMean[pe as StudyPeKind].energy;
      expect(Math.abs(ours - published), `${pe}: ${ours.toFixed(3)} vs ${published}`).toBeLessThanOrEqual(0.01);
    }
  });

  it('is compute-bound everywhere, as the published model is (stalls at most 1.1% of the cycles)', () => {
    for (const model of officialModelIds) {
      for (const c of Object.values(result.costs[model])) expect(c.stallCycles / c.cycles).toBeLessThan(0.011);
    }
  });
});
