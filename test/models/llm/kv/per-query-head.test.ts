import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { ReferenceBackend } from '../../../../models/common/gemm/index.ts';
import { FullKvCache, KvCache, LlamaModel, type LlamaConfig } from '../../../../models/llm/index.ts';
import {
  AttentionPredictorNet, AttentionPredictorPolicy, attentionHistories, budgetLayout, SelectingKvCache, StreamingLlm, tokenBytes, type SelectionPolicy,
} from '../../../../models/llm/kv/index.ts';
import { randomLlama } from '../random-llama.ts';

// 4 query heads on 2 KV heads: query heads 2g and 2g + 1 share KV head g.
const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 2, heads: 4, kvHeads: 2, seqLen: 32, vocab: 40, tiedClassifier: true };
const hs = 8, budget = 6, steps = 20;

/** Even query heads keep the oldest `budget` tokens, odd ones the newest: disjoint sets once n >= 12. */
function splitPolicy(seen: { head: number; n: number; kept: Int32Array; probs: Float32Array; full: Float32Array; rows: number }[]): SelectionPolicy {
  return {
    name: 'split',
    select: (head, v) => Int32Array.from({ length: budget }, (_, i) => (head % 2 === 0 ? i : v.n - budget + i)),
    update: (head, n, kept, probs, rows, full) => { if (n > budget) seen.push({ head, n, kept, probs: probs.slice(), full: full.slice(), rows }); },
  };
}

describe('selection per query head (each query head its own set of its KV head\'s tokens)', () => {
  it('each query row attends only to its own set: its probabilities are the full attention restricted to the set and renormalized', () => {
    const model = new LlamaModel(randomLlama(config, 5, 0.2, 0.1), new ReferenceBackend());
    const seen: Parameters<typeof splitPolicy>[0] = [];
    const sel = new SelectingKvCache(2, hs, budget, splitPolicy(seen), 32, true, 2);
    const cache = new KvCache([new FullKvCache(2, hs, 'fp16', 32), sel]);
    for (let t = 0; t < steps; t++) model.forward([t % 40], cache, { logits: 'none' });
    // Every compressed step: 4 query heads, one row each.
    expect(seen.length).toBe(4 * (steps - budget));
    expect(new Set(seen.map((s) => s.head))).toEqual(new Set([0, 1, 2, 3]));
    for (const s of seen) {
      expect(s.rows).toBe(1);
      expect(Array.from(s.kept)).toEqual(Array.from({ length: budget }, (_, i) => (s.head % 2 === 0 ? i : s.n - budget + i)));
      // The engine's probabilities over the kept tokens (masked softmax) against the cache's own full attention of the row.
      const mass = Array.from(s.kept).reduce((a, t) => a + s.full[t], 0);
      s.kept.forEach((t, c) => expect(s.probs[c]).toBeCloseTo(s.full[t] / mass, 5));
    }
    // Recovery: each row's full mass on its own set.
    const recovered = seen.reduce((a, s) => a + Array.from(s.kept).reduce((m, t) => m + s.full[t], 0), 0);
    expect(sel.stats.rows).toBe(seen.length);
    expect(sel.stats.recovered).toBeCloseTo(recovered, 4);
    // Bytes: each KV head reads the union of its query heads' sets once (12 tokens once n >= 12; n when 6 < n < 12).
    let bytes = 0;
    for (let n = 1; n <= steps; n++) bytes += 2 * 2 * tokenBytes(hs) * Math.min(n, n > budget ? Math.min(n, 2 * budget) : n);
    expect(sel.stats.bytes).toBe(bytes);
  });

  it('with the same set for both query heads it computes what selection per KV head computes', () => {
    const model = new LlamaModel(randomLlama(config, 7, 0.2, 0.1), new ReferenceBackend());
    const run = (perQueryHead: boolean) => {
      const sel = new SelectingKvCache(2, hs, budget, new StreamingLlm(budget), 32, perQueryHead, 2);
      const cache = new KvCache([new FullKvCache(2, hs, 'fp16', 32), sel]);
      const out: number[] = [];
      for (let t = 0; t < steps; t++) out.push(...model.forward([(3 * t) % 40], cache, { logits: 'last' }));
      return { out, stats: sel.stats };
    };
    const perKv = run(false), perQuery = run(true);
    perQuery.out.forEach((x, i) => expect(x).toBeCloseTo(perKv.out[i], 4));
    expect(perQuery.stats.recovered).toBeCloseTo(perKv.stats.recovered, 4);
    expect(perQuery.stats.bytes).toBe(perKv.stats.bytes);
  });

  it('training histories per query head: one matrix per query head, whose maxima over the group are the KV heads\' histories', () => {
    const model = new LlamaModel(randomLlama(config, 9, 0.2, 0.1), new ReferenceBackend());
    const w = Uint16Array.from({ length: 17 }, (_, i) => (7 * i) % 40);
    const perKv = attentionHistories(model, [w], 1)[0], perQuery = attentionHistories(model, [w], 1, true)[0];
    expect(perKv.length).toBe(2);
    expect(perQuery.length).toBe(4);
    perKv.forEach((a, g) => a.forEach((x, i) => expect(x).toBe(Math.max(perQuery[2 * g][i], perQuery[2 * g + 1][i]))));
  });

  it('AttentionPredictor predicts a group of query heads in one batch and selects as it does one head at a time', async () => {
    await selectBackend(() => {});
    const net = new AttentionPredictorNet(4, 2), layout = budgetLayout(16, 16), n = 60, rng = createRng(4);
    const [one, many] = [0, 1].map(() => new AttentionPredictorPolicy(layout, net, 2, 64));
    for (let step = 0; step < 5; step++) {
      for (const head of [0, 1]) {
        const full = Float32Array.from({ length: n }, () => rng.next());
        for (const p of [one, many]) p.update(head, n, Int32Array.from({ length: n }, (_, i) => i), full, 1, full);
      }
    }
    const view = { n, queries: new Float32Array(8), rows: 1, keys: new Float32Array(8 * n), headSize: 8 };
    const batched = many.selectMany([0, 1], [view, view]);
    expect(batched.map((x) => Array.from(x))).toEqual([0, 1].map((h) => Array.from(one.select(h, view))));
    expect(batched[0]).not.toEqual(batched[1]);
  });
});
