import { describe, expect, it } from 'vitest';
import { mixpeEvaluation, type AcceleratorSpec } from '../../../hw/accelerators/index.ts';
import { energyConstants28nm, studyPeKinds, type StudyPeKind } from '../../../hw/energy/index.ts';
import { peKind, type PrecisionMode } from '../../../hw/index.ts';
import {
  claimTable, costGemms, geomeanRow, modeCounts, normalise, officialWorkloadGemms, phaseGemms, runStudy, type ModedGemm, type NormalisedRow,
} from '../../../sim/study/index.ts';
import { officialLayers, officialModelIds, officialModels } from '../../../sim/study/official/index.ts';
import { workload } from '../../../sim/workloads/index.ts';

const acc = (pe: string): AcceleratorSpec => mixpeEvaluation.find((a) => a.pe === pe)!;
const gemm = (m: number, k: number, n: number, mode: PrecisionMode, count = 1): ModedGemm => ({ name: 'g', m, k, n, count, operands: 'weight', mode });
const study = runStudy({ workloads: ['vit-b', 'opt-6.7b'], accelerators: mixpeEvaluation, energy: energyConstants28nm, batch: 8, promptLength: 128 });

describe('study scaling laws', () => {
  it('doubling K doubles the streaming cycles at fixed tiling, in every mode; fill and drain stay per pass', () => {
    for (const a of mixpeEvaluation) {
      for (const mode of peKind(a.pe).modes) {
        const { kPerCycle: kp, lanes } = peKind(a.pe, '--pe', mode);
        const one = costGemms(a, [gemm(300, 1024, 500, mode)], energyConstants28nm);
        const two = costGemms(a, [gemm(300, 2048, 500, mode)], energyConstants28nm);
        const passes = Math.ceil(300 / a.array.rows) * Math.ceil(500 / (a.array.cols * lanes));
        const compute = (c: typeof one) => c.cycles - c.stallCycles;
        expect(compute(two) - compute(one), `${a.pe} ${mode}`).toBe(passes * (1024 / kp));
        expect(two.macs).toBe(2 * one.macs);
      }
    }
  });

  it('a GEMM repeated count times costs count times one run', () => {
    const a = acc('mixpe-w4a8');
    const one = costGemms(a, [gemm(197, 768, 2304, 'w4a8')], energyConstants28nm);
    const twelve = costGemms(a, [gemm(197, 768, 2304, 'w4a8', 12)], energyConstants28nm);
    expect(twelve.cycles).toBe(12 * one.cycles);
    expect(twelve.energy.total).toBeCloseTo(12 * one.energy.total, 9);
  });

  it('a fused PE at 4 bits takes a quarter of the streaming cycles of 8 bits and less core energy', () => {
    for (const pe of ['ant', 'bitfusion']) {
      const a = acc(pe);
      const [w8, w4] = (['w8a8', 'w4a4'] as const).map((mode) => costGemms(a, [gemm(64, 4096, 4096, mode)], energyConstants28nm));
      expect((w4!.cycles - w4!.stallCycles) / (w8!.cycles - w8!.stallCycles), pe).toBeLessThan(0.3);
      expect(w4!.energy.core, pe).toBeLessThan(w8!.energy.core);
    }
  });
});

describe('the precision plan and the workloads', () => {
  it('ANT runs the official 8-bit blocks at w8a8, BitFusion half its output projections at w4a4', () => {
    for (const id of officialModelIds) {
      const m = officialModels[id];
      expect(modeCounts('ant', id, m.blocks, 'qkv').get('w8a8'), id).toBe(m.ant8BitBlocks.length);
      expect(modeCounts('ant', id, m.blocks, 'qkv').get('w4a4'), id).toBe(m.blocks - m.ant8BitBlocks.length);
      expect(modeCounts('bitfusion', id, m.blocks, 'out').get('w4a4'), id).toBe(m.blocks / 2);
      expect(modeCounts('bitfusion', id, m.blocks, 'ffn').get('w8a8'), id).toBe(m.blocks);
    }
  });

  it("the official workloads carry exactly the official model's main MACs (its dequantization GEMMs are the hardware's work here)", () => {
    for (const id of officialModelIds) {
      for (const pe of studyPeKinds) {
        const ours = officialWorkloadGemms(pe, id).reduce((s, g) => s + g.m * g.k * g.n * g.count, 0);
        // The official FP16 run has no MixPE-style (K/8) x (N/128) GEMMs: its K x (N/8) dequant GEMMs are 1/8 of the main ones.
        const official = officialLayers('fp16', id).reduce((s, { layer: l, count }) => s + count * l.batch * l.out * l.out * l.kernel * l.kernel * l.inChannels * l.outChannels, 0);
        const dequant = officialLayers('fp16', id).filter(({ layer: l }) => l.kernel === 1).reduce((s, { layer: l, count }) => s + count * 64 * l.inChannels * l.outChannels, 0) / 9;
        expect(ours, `${id} ${pe}`).toBeCloseTo(official - dequant, -3);
      }
    }
  });

  it("splitting a library phase by the blocks' modes keeps every GEMM count", () => {
    const w = workload('llama2-13b', { batch: 4, promptLength: 64 });
    for (const phase of w.phases) {
      for (const pe of studyPeKinds) {
        const split = phaseGemms(pe, 'llama2-13b', w.layers, phase);
        for (const g of phase.gemms) expect(split.filter((s) => s.name === g.name).reduce((s, x) => s + x.count, 0), `${pe} ${g.name}`).toBe(g.count);
      }
    }
  });
});

describe('study rows', () => {
  it('has the official workloads as the headline and the library phases apart', () => {
    expect(study.map((e) => [e.key, e.phase, e.headline])).toEqual([
      ['vit-b', 'official', true], ['vit-h', 'official', true], ['opt-6.7b', 'official', true], ['llama2-13b', 'official', true],
      ['vit-b/encoder', 'encoder', false], ['opt-6.7b/prefill', 'prefill', false], ['opt-6.7b/decode', 'decode', false],
    ]);
  });

  it('on the published arrays orders the kinds as the published table does', () => {
    const g = geomeanRow(study.filter((e) => e.headline).map((e) => normalise(e, 'fp16')));
    const order = [...studyPeKinds].sort((a, b) => g[a]!.time - g[b]!.time);
    expect(order).toEqual(['mixpe-w4a8', 'mixpe-w4a16', 'ant', 'bitfusion', 'int8', 'fp16']);
  });

  it('FP16 spends the most energy and MixPE less than the PE it replaces', () => {
    for (const e of study) {
      const en = (pe: StudyPeKind) => e.byPe[pe]!.energy.total;
      // A memory-bound decode step moves 8-bit weights for INT8 (and the 8-bit blocks of ANT and BitFusion),
      // twice FP16's INT4 weight bytes, so there only the kinds storing INT4 weights throughout are below it.
      const below = e.phase === 'decode' ? (['mixpe-w4a8', 'mixpe-w4a16'] as const) : studyPeKinds.filter((x) => x !== 'fp16');
      for (const k of below) expect(en(k), `${e.key} ${k}`).toBeLessThan(en('fp16'));
      expect(en('mixpe-w4a8'), e.key).toBeLessThan(en('int8'));
      expect(en('mixpe-w4a16'), e.key).toBeLessThan(en('fp16'));
    }
  });
});

describe('normalisation, means and claims', () => {
  it('normalises FP16 to 1 and keeps energy parts summing to the total', () => {
    for (const e of study) {
      const row = normalise(e, 'fp16');
      expect(row.fp16).toMatchObject({ time: 1, energy: 1 });
      for (const n of Object.values(row)) expect(n!.parts.core + n!.parts.buffer + n!.parts.dram + n!.parts.static).toBeCloseTo(n!.energy, 12);
    }
  });

  it('the geometric mean of rows is the plain geometric mean per kind, with parts summing to it', () => {
    const rows = study.slice(0, 3).map((e) => normalise(e, 'fp16'));
    const g = geomeanRow(rows);
    const times = rows.map((r) => r['mixpe-w4a8']!.time);
    expect(g['mixpe-w4a8']!.time).toBeCloseTo(Math.cbrt(times[0]! * times[1]! * times[2]!), 12);
    const p = g.ant!.parts;
    expect(p.core + p.buffer + p.dram + p.static).toBeCloseTo(g.ant!.energy, 12);
  });

  it('claims: per-baseline ratios and their three averagings, by hand', () => {
    const row = (w4a8: number, w4a16: number, ant: number, bf: number, int8: number): NormalisedRow => {
      const n = (v: number) => ({ time: v, energy: v / 2, parts: { core: 0, buffer: 0, dram: 0, static: v / 2 } });
      return { 'mixpe-w4a8': n(w4a8), 'mixpe-w4a16': n(w4a16), ant: n(ant), bitfusion: n(bf), int8: n(int8), fp16: n(1) };
    };
    const claims = claimTable([row(0.1, 0.5, 0.4, 0.6, 0.8), row(0.2, 0.25, 0.6, 0.8, 0.8)]);
    const vsAnt = claims.find((c) => c.variant === 'mixpe-w4a8' && c.baseline === 'ant')!;
    expect(vsAnt.speedups[0]).toBeCloseTo(4, 12);
    expect(vsAnt.speedups[1]).toBeCloseTo(3, 12);
    expect(vsAnt.speedup.arithmeticMean).toBeCloseTo(3.5, 12);
    expect(vsAnt.speedup.geometricMean).toBeCloseTo(Math.sqrt(12), 12);
    expect(vsAnt.speedup.ratioOfMeans).toBeCloseTo(0.5 / 0.15, 12);
    const all = claims.find((c) => c.variant === 'mixpe-w4a16' && c.baseline === 'all')!;
    const w16 = claims.filter((c) => c.variant === 'mixpe-w4a16' && c.baseline !== 'all');
    expect(all.speedup.arithmeticMean).toBeCloseTo(w16.reduce((s, c) => s + c.speedup.arithmeticMean, 0) / 3, 12);
  });
});
