import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { ReferenceBackend } from '../../../../models/common/gemm/index.ts';
import { LlamaModel, type LlamaConfig } from '../../../../models/llm/index.ts';
import {
  budgetLayout, gapTrend, policyFor, positionBuckets, positionRows, Quest, recordWindow, recoveryByPosition, replayRecovery, windowDifference,
  type PositionBucket, type WindowRecord,
} from '../../../../models/llm/kv/index.ts';
import { randomLlama } from '../random-llama.ts';

const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 3, heads: 4, kvHeads: 2, seqLen: 48, vocab: 40, tiedClassifier: true };
const T = 40, budget = 8;

function recorded(seed: number): WindowRecord {
  const model = new LlamaModel(randomLlama(config, seed, 0.3, 0.1), new ReferenceBackend());
  const rng = createRng(seed);
  return recordWindow(model, Uint16Array.from({ length: T + 1 }, () => rng.int(0, config.vocab - 1)), 1);
}

/**
 * Plain per-bucket recovery: every step with more than `budget` tokens cached, every recorded head and
 * query row, the full attention's mass on `keep(n, head, row)`'s tokens, summed into the bucket of n.
 */
function plainByBucket(rec: WindowRecord, buckets: readonly PositionBucket[], keep: (n: number, h: number, t: number) => number[]): { recovered: number; rows: number }[] {
  const out = buckets.map(() => ({ recovered: 0, rows: 0 }));
  for (let t = 0; t < rec.T; t++) {
    const n = t + 1;
    if (n <= budget) continue;
    const b = buckets.findIndex((x) => x.from <= n && n < x.to);
    if (b < 0) continue;
    rec.heads.forEach((h, hi) => {
      const kept = keep(n, hi, t);
      for (let r = 0; r < rec.group; r++) {
        for (const j of kept) out[b].recovered += h.probs[(r * rec.T + t) * rec.T + j];
        out[b].rows++;
      }
    });
  }
  return out;
}

describe('recovery by decode position', () => {
  const buckets = positionBuckets([9, 16, 24, 32], T);

  it('StreamingLLM\'s per-bucket recovery equals the mass of its sink and recent tokens summed by hand', () => {
    const rec = recorded(3);
    const r = replayRecovery(rec, policyFor({ method: 'streaming', budget, layout: budgetLayout(budget) }, 4, T), budget);
    const plain = plainByBucket(rec, buckets, (n) => [0, 1, 2, 3, n - 4, n - 3, n - 2, n - 1]);
    recoveryByPosition(r, buckets).forEach((c, b) => {
      expect(c.rows).toBe(plain[b].rows);
      expect(c.recovered).toBeCloseTo(plain[b].recovered, 9);
    });
  });

  it('Quest\'s (stateless) per-bucket recovery equals a step-by-step loop over its selections', () => {
    const rec = recorded(4), layout = budgetLayout(budget);
    const r = replayRecovery(rec, policyFor({ method: 'quest', budget, layout }, 4, T), budget);
    const hs = rec.headSize, quest = new Quest(layout);
    const plain = plainByBucket(rec, buckets, (n, hi, t) => {
      const h = rec.heads[hi], queries = new Float32Array(rec.group * hs);
      for (let q = 0; q < rec.group; q++) queries.set(h.queries.subarray((q * rec.T + t) * hs, (q * rec.T + t + 1) * hs), q * hs);
      return Array.from(quest.select(0, { n, queries, rows: rec.group, keys: h.keys.subarray(0, n * hs), headSize: hs }));
    });
    recoveryByPosition(r, buckets).forEach((c, b) => {
      expect(c.rows).toBe(plain[b].rows);
      expect(c.recovered).toBeCloseTo(plain[b].recovered, 9);
    });
  });

  it('buckets covering every step add up to the replay\'s total', () => {
    const rec = recorded(5);
    const r = replayRecovery(rec, policyFor({ method: 'h2o', budget, layout: budgetLayout(budget) }, 4, T), budget);
    const all = recoveryByPosition(r, positionBuckets([1, 12, 30], T));
    expect(all.reduce((a, c) => a + c.rows, 0)).toBe(r.rows);
    expect(all.reduce((a, c) => a + c.recovered, 0)).toBeCloseTo(r.recovered, 9);
    expect(all[0].rows).toBe(2 * 2 * 2 * (12 - 1 - budget));
  });

  it('reads the edges as [e0, e1), ..., [last, context] and refuses edges that do not ascend within the context', () => {
    expect(positionBuckets([32, 64, 128, 192], 256)).toEqual([{ from: 32, to: 64 }, { from: 64, to: 128 }, { from: 128, to: 192 }, { from: 192, to: 257 }]);
    expect(() => positionBuckets([64, 32], 256)).toThrow(/does not ascend/);
    expect(() => positionBuckets([0, 32], 256)).toThrow(/from 1 to 256/);
    expect(() => positionBuckets([32, 300], 256)).toThrow(/from 1 to 256/);
    expect(() => positionBuckets([1.5], 256)).toThrow(/whole number/);
    expect(() => positionBuckets([], 256)).toThrow(/no bucket edges/);
  });
});

describe('per-window differences between two methods', () => {
  it('gives the mean, sample SD, range and windows above of a - b', () => {
    const d = windowDifference([0.5, 0.6, 0.7], [0.4, 0.65, 0.6]);
    // a - b = 0.1, -0.05, 0.1: mean 0.05, squared deviations 0.0025, 0.01, 0.0025 over 2.
    expect(d.mean).toBeCloseTo(0.05, 12);
    expect(d.sd).toBeCloseTo(Math.sqrt(0.0075), 12);
    expect([d.min, d.max, d.above, d.windows]).toEqual([expect.closeTo(-0.05, 12), expect.closeTo(0.1, 12), 2, 3]);
  });

  it('pools a bucket over windows, and compares with the reference only where both compressed every window', () => {
    const step = (rec: number[], rows: number[]) => ({ stepRecovered: Float64Array.from(rec), stepRows: Int32Array.from(rows) });
    const buckets = positionBuckets([1, 3], 4);
    // Window 1: steps 1-2 uncompressed, steps 3-4 with 2 rows each; window 2 likewise.
    const a = [step([0, 0, 1.6, 1.2], [0, 0, 2, 2]), step([0, 0, 1.0, 1.0], [0, 0, 2, 2])];
    const ref = positionRows([step([0, 0, 1.2, 1.2], [0, 0, 2, 2]), step([0, 0, 1.2, 1.2], [0, 0, 2, 2])], buckets);
    const rows = positionRows(a, buckets, ref);
    expect(rows[0]).toEqual({ from: 1, to: 3, rows: 0, recovery: null, perWindow: [null, null] });
    expect(rows[1].recovery).toBeCloseTo(4.8 / 8, 12);
    expect(rows[1].perWindow).toEqual([expect.closeTo(0.7, 12), expect.closeTo(0.5, 12)]);
    expect(rows[1].differenceToReference?.mean).toBeCloseTo(0, 12);
    expect(rows[1].differenceToReference?.above).toBe(1);
  });

  it('follows the gap to the reference per window from the first bucket compared to the last', () => {
    const step = (rec: number[]) => ({ stepRecovered: Float64Array.from(rec), stepRows: Int32Array.from([1, 1, 1, 1]) });
    const buckets = positionBuckets([1, 2, 4], 4);
    const ref = positionRows([step([0.6, 0.6, 0.6, 0.7]), step([0.5, 0.7, 0.7, 0.9])], buckets);
    const rows = positionRows([step([0.5, 0.6, 0.6, 0.9]), step([0.4, 0.5, 0.5, 0.8])], buckets, ref);
    // Gaps in [1, 2): -0.1 and -0.1; in [4, 5): +0.2 and -0.1; changes +0.3 and 0.
    const trend = gapTrend(rows, ref)!;
    expect([trend.from, trend.to]).toEqual([{ from: 1, to: 2 }, { from: 4, to: 5 }]);
    expect(trend.change.mean).toBeCloseTo(0.15, 12);
    expect(trend.change.sd).toBeCloseTo(Math.sqrt(2 * 0.15 ** 2), 12);
    expect(trend.change.above).toBe(1);
    expect(gapTrend(rows.slice(0, 1), ref.slice(0, 1))).toBeUndefined();
  });
});
