import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { ReferenceBackend } from '../../../../models/common/gemm/index.ts';
import { LlamaModel, type LlamaConfig } from '../../../../models/llm/index.ts';
import {
  budgetLayout, fillBudget, fullAttention, NextStepOracle, policyFor, predictorSamples, Quest, recordWindow, replayRecovery, selectWindow,
  type StepView,
} from '../../../../models/llm/kv/index.ts';
import { randomLlama } from '../random-llama.ts';

const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 3, heads: 4, kvHeads: 2, seqLen: 48, vocab: 40, tiedClassifier: true };

describe('teacher-forced replay', () => {
  it('equals the decode with a selected cache when only the last layer is compressed (its inputs are then the full model\'s)', () => {
    const model = new LlamaModel(randomLlama(config, 7, 0.3, 0.1), new ReferenceBackend());
    const rng = createRng(2), T = 40;
    const w = Uint16Array.from({ length: T + 1 }, () => rng.int(0, config.vocab - 1));
    const rec = recordWindow(model, w, 2);
    expect(rec.heads.length).toBe(2);
    for (const method of ['quest', 'h2o', 'streaming'] as const) {
      for (const budget of [8, 12]) {
        const layout = budgetLayout(budget, 16, budget === 12);
        const replay = replayRecovery(rec, policyFor({ method, budget, layout }, 2, T), budget);
        const setup = { method, budget, layout, fullLayers: 2, firstTarget: 1 };
        const decoded = selectWindow(model, w, setup, `replay-test-${method}-${budget}`);
        expect(replay.rows).toBe(decoded.rows);
        expect(replay.recovered / replay.rows).toBeCloseTo(decoded.recovered / decoded.rows, 4);
      }
    }
  });

  it('per query head counts one row per query head and step', () => {
    const model = new LlamaModel(randomLlama(config, 8, 0.3, 0.1), new ReferenceBackend());
    const w = Uint16Array.from({ length: 33 }, (_, i) => (i * 7) % config.vocab);
    const rec = recordWindow(model, w, 1);
    const r = replayRecovery(rec, policyFor({ method: 'streaming', budget: 8, layout: budgetLayout(8) }, 8, 32), 8, true);
    // 2 layers x 2 KV heads x 2 query heads, 24 compressed steps (n = 9..32).
    expect(r.rows).toBe(2 * 2 * 2 * 24);
  });
});

describe('the ceiling: ranking blocks by the step\'s own attention', () => {
  const rng = createRng(5), hs = 4, n = 30;
  const keys = Float32Array.from({ length: n * hs }, () => rng.normal() * 2);
  const queries = Float32Array.from({ length: 2 * hs }, () => rng.normal());
  const view: StepView = { n, queries, rows: 2, keys, headSize: hs };
  const probs = fullAttention(queries, 2, keys, n, hs);
  const layout = budgetLayout(16, 16);

  it('oracle-max keeps the blocks with the highest attention probability over both rows', () => {
    const score = Array.from({ length: Math.ceil(n / layout.block) }, (_, b) => Math.max(...[0, 1].flatMap((r) => Array.from(probs.subarray(r * n + b * 4, r * n + Math.min(n, b * 4 + 4))))));
    expect(Array.from(new NextStepOracle(layout, 'max').select(0, view))).toEqual(Array.from(fillBudget(n, layout, score)));
  });

  it('oracle-sum keeps the blocks with the most attention mass, so it recovers at least what any block ranking does here', () => {
    const mass = (kept: ArrayLike<number>) => Array.from(kept).reduce((a, j) => a + probs[j] + probs[n + j], 0);
    const best = mass(new NextStepOracle(layout, 'sum').select(0, view));
    expect(best).toBeGreaterThanOrEqual(mass(new NextStepOracle(layout, 'max').select(0, view)) - 1e-12);
    expect(best).toBeGreaterThanOrEqual(mass(new Quest(layout).select(0, view)) - 1e-12);
    // Every ranking of the 8 blocks (2 whole blocks and a cut third after sink 2 and local 2): none keeps more mass.
    for (let trial = 0; trial < 200; trial++) expect(mass(fillBudget(n, layout, Array.from({ length: 8 }, () => rng.next())))).toBeLessThanOrEqual(best + 1e-12);
  });
});

describe('scoring blocks outside the sink and local windows', () => {
  it('Quest bounds a page by its tokens between the windows only', () => {
    // 8 tokens, pages of 4, sink 1, local 1, budget 6: page 0 holds the sink, whose key (9) dominates page 0's bound unless excluded.
    const keys = [[9], [0], [0], [0], [1], [1], [1], [5]];
    const view: StepView = { n: 8, queries: Float32Array.from([1]), rows: 1, keys: Float32Array.from(keys.flat()), headSize: 1 };
    const base = { budget: 6, sink: 1, local: 1, block: 4 };
    // Scored with the windows: page 0 (bound 9) first, adding tokens 1-3, then page 1 cut to token 4.
    expect(Array.from(new Quest(base).select(0, view))).toEqual([0, 1, 2, 3, 4, 7]);
    // Without them: page 0 bounds 0 (tokens 1-3), page 1 bounds 1 (tokens 4-6): page 1 whole, then token 1.
    expect(Array.from(new Quest({ ...base, excludeWindows: true }).select(0, view))).toEqual([0, 1, 4, 5, 6, 7]);
  });

  it('training inputs and targets pool only the tokens between the sample budget\'s windows', () => {
    const T = 20, a = new Float32Array(T * T);
    for (let s = 0; s < T; s++) for (let j = 0; j <= s; j++) a[s * T + j] = (j === 0 ? 10 : j === s ? 5 : j) / 100;
    const samples = predictorSamples([[a]], T, { history: 2, blocks: [4], share: 1, minTokens: 16, seed: 1, excludeWindows: { budgets: [16], maxBlock: 16 } });
    // Budget 16: sink 2, local 2, blocks of 4. Target step t: tokens 2 .. t - 2 score.
    for (const [k, x] of samples.entries()) {
      const t = 16 + k;
      const plain = (s: number, to: number) => Array.from({ length: 5 }, (_, b) => {
        let m = 0;
        for (let j = Math.max(2, 4 * b); j < Math.min(to, 4 * b + 4, s + 1); j++) m = Math.max(m, a[s * T + j]);
        return m;
      });
      expect(Array.from(x.target)).toEqual(plain(t, t + 1 - 2).map(Math.fround));
      expect(Array.from(x.image.subarray(5, 10))).toEqual(plain(t - 1, t + 1 - 2).map(Math.fround));
    }
  });
});
