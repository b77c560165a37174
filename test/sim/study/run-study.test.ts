import { describe, expect, it } from 'vitest';
import { mixpeEvaluation, type AcceleratorSpec } from '../../../hw/accelerators/index.ts';
import { energyConstants28nm, studyPeKinds } from '../../../hw/energy/index.ts';
import { macsPerCycle, peKind } from '../../../hw/index.ts';
import { costGemms, geomeanRow, normalise, runStudy } from '../../../sim/study/index.ts';
import type { WorkloadGemm } from '../../../sim/workloads/index.ts';

const acc = (pe: string): AcceleratorSpec => mixpeEvaluation.find((a) => a.pe === pe)!;
const gemm = (m: number, k: number, n: number, count = 1): WorkloadGemm => ({ name: 'g', m, k, n, count, operands: 'weight' });
const study = runStudy({ workloads: ['vit-b', 'opt-6.7b'], accelerators: mixpeEvaluation, energy: energyConstants28nm, batch: 8, promptLength: 128 });

describe('study scaling laws', () => {
  it('doubling K doubles the streaming cycles at fixed tiling; fill and drain stay per pass', () => {
    for (const a of mixpeEvaluation) {
      const { kPerCycle: kp, lanes } = peKind(a.pe);
      const one = costGemms(a, [gemm(300, 1024, 500)], energyConstants28nm);
      const two = costGemms(a, [gemm(300, 2048, 500)], energyConstants28nm);
      const passes = Math.ceil(300 / a.array.rows) * Math.ceil(500 / (a.array.cols * lanes));
      const compute = (c: typeof one) => c.cycles - c.stallCycles;
      expect(compute(two) - compute(one), a.pe).toBe(passes * (1024 / kp));
      expect(two.macs).toBe(2 * one.macs);
    }
  });

  it('a GEMM repeated count times costs count times one run', () => {
    const a = acc('mixpe-w4a8');
    const one = costGemms(a, [gemm(197, 768, 2304)], energyConstants28nm);
    const twelve = costGemms(a, [gemm(197, 768, 2304, 12)], energyConstants28nm);
    expect(twelve.cycles).toBe(12 * one.cycles);
    expect(twelve.energy.total).toBeCloseTo(12 * one.energy.total, 9);
  });

  it('core energy of the MACs doubles with K (per-MAC energy is constant)', () => {
    const a = acc('int8');
    const e1 = costGemms(a, [gemm(64, 1024, 64)], energyConstants28nm).energy.core;
    const e2 = costGemms(a, [gemm(64, 2048, 64)], energyConstants28nm).energy.core;
    // MACs, weights fed and group dequantizations all double with K.
    expect(e2).toBeCloseTo(2 * e1, 15);
  });
});

describe('study invariants', () => {
  it('orders the kinds by peak MACs per cycle on compute-bound phases', () => {
    const peak = (pe: (typeof studyPeKinds)[number]) => { const a = acc(pe); return a.array.rows * a.array.cols * macsPerCycle(peKind(pe)); };
    for (const e of study.filter((x) => x.headline)) {
      for (const a of studyPeKinds) {
        for (const b of studyPeKinds) {
          if (peak(a) > 1.1 * peak(b)) expect(e.byPe[a]!.seconds, `${e.key}: ${a} vs ${b}`).toBeLessThan(e.byPe[b]!.seconds);
        }
      }
    }
  });

  it('FP16 spends the most energy; MixPE spends less than the PE it replaces', () => {
    for (const e of study) {
      const en = (pe: (typeof studyPeKinds)[number]) => e.byPe[pe]!.energy.total;
      // In a memory-bound decode step INT8 moves twice the weight bytes of the INT4 kinds, so only the
      // kinds storing the same INT4 weights as FP16 are below it there.
      const below = e.headline ? studyPeKinds.filter((x) => x !== 'fp16') : (['mixpe-w4a8', 'mixpe-w4a16', 'ant', 'bitfusion'] as const);
      for (const k of below) expect(en(k), `${e.key} ${k}`).toBeLessThan(en('fp16'));
      expect(en('mixpe-w4a8'), e.key).toBeLessThan(en('int8'));
      expect(en('mixpe-w4a16'), e.key).toBeLessThan(en('fp16'));
    }
  });

  it('has encoder/prefill rows under the workload id and decode rows apart', () => {
    expect(study.map((e) => [e.key, e.phase, e.headline])).toEqual([
      ['vit-b', 'encoder', true], ['opt-6.7b', 'prefill', true], ['opt-6.7b/decode', 'decode', false],
    ]);
  });
});

describe('normalisation and geometric mean', () => {
  it('normalises FP16 to 1 and keeps energy parts summing to the total', () => {
    for (const e of study) {
      const row = normalise(e, 'fp16');
      expect(row.fp16).toMatchObject({ time: 1, energy: 1 });
      for (const n of Object.values(row)) {
        expect(n!.parts.core + n!.parts.buffer + n!.parts.dram + n!.parts.static).toBeCloseTo(n!.energy, 12);
      }
    }
  });

  it('the geometric mean of rows is the plain geometric mean per kind, with parts summing to it', () => {
    const rows = study.map((e) => normalise(e, 'fp16'));
    const g = geomeanRow(rows);
    const times = rows.map((r) => r['mixpe-w4a8']!.time);
    expect(g['mixpe-w4a8']!.time).toBeCloseTo(Math.cbrt(times[0] * times[1] * times[2]), 12);
    const p = g.ant!.parts;
    expect(p.core + p.buffer + p.dram + p.static).toBeCloseTo(g.ant!.energy, 12);
    expect(geomeanRow([rows[0], rows[0]]).int8!.time).toBeCloseTo(rows[0].int8!.time, 12);
  });
});
