import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { ReferenceBackend } from '../../../../models/common/gemm/index.ts';
import { FullKvCache, KvCache, LlamaModel, type LlamaConfig } from '../../../../models/llm/index.ts';
import {
  AttentionPredictorNet, budgetLayout, fillBudget, fullAttention, H2o, predictorSamples, Quest, recoveredMass, SelectingKvCache, StreamingLlm,
  type SelectionPolicy, type StepView,
} from '../../../../models/llm/kv/index.ts';
import { randomLlama } from '../random-llama.ts';

const view = (n: number, queries: number[], keys: number[][]): StepView => ({ n, queries: Float32Array.from(queries), rows: 1, keys: Float32Array.from(keys.flat()), headSize: queries.length });

describe('budget layout and block filling', () => {
  it('scales the sink, local window and block to the budget', () => {
    expect([8, 16, 32, 64].map((b) => budgetLayout(b, 16))).toEqual([
      { budget: 8, sink: 1, local: 1, block: 4 }, { budget: 16, sink: 2, local: 2, block: 4 },
      { budget: 32, sink: 4, local: 4, block: 8 }, { budget: 64, sink: 8, local: 8, block: 16 },
    ]);
  });
  it('keeps sink, local, then whole blocks by score, cutting the last block at the budget', () => {
    const layout = { budget: 8, sink: 1, local: 2, block: 4 };
    // 20 tokens, 5 blocks; block 3 (tokens 12-15) scores highest, then block 1 (4-7).
    // Sink {0} and local {18, 19}, then block 3 whole (3 + 4 = 7 tokens), then block 1 cut to its first token.
    expect(Array.from(fillBudget(20, layout, [0, 5, 1, 9, 2]))).toEqual([0, 4, 12, 13, 14, 15, 18, 19]);
    expect(Array.from(fillBudget(6, layout, [1, 1]))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('H2O and Quest on hand-made attention', () => {
  it('H2O evicts, for good, the kept token with the least cumulative attention outside the recent half', () => {
    const h2o = new H2o(4, 1, 16);
    // Steps over 4 tokens (within the budget): token 1 gets the least attention, token 0 the most.
    for (let n = 1; n <= 4; n++) {
      const kept = Int32Array.from({ length: n }, (_, i) => i);
      const probs = Float32Array.from([0.5, 0.05, 0.25, 0.2].slice(0, n)).map((p, _, a) => p / a.reduce((s, x) => s + x, 0));
      h2o.update(0, n, kept, probs, 1);
    }
    // Token 4 arrives: 5 tokens, budget 4, recent half = tokens 3 and 4; the least of 0..2 is token 1.
    expect(Array.from(h2o.select(0, view(5, [1], [[0], [0], [0], [0], [0]])))).toEqual([0, 2, 3, 4]);
    h2o.update(0, 5, Int32Array.from([0, 2, 3, 4]), Float32Array.from([0.1, 0.1, 0.1, 0.7]), 1);
    // Token 5: candidates 0, 2, 3 (4 and 5 recent): cumulative 0.5+.., 0.25+0.1, 0.2+0.1 -> token 3 goes; token 1 never returns.
    expect(Array.from(h2o.select(0, view(6, [1], [[0], [0], [0], [0], [0], [0]])))).toEqual([0, 2, 4, 5]);
  });

  it('Quest ranks pages by the bound sum_c max(q_c min_c, q_c max_c) and keeps the best after sink and local', () => {
    const quest = new Quest({ budget: 5, sink: 1, local: 1, block: 2 });
    // 8 tokens, 4 pages of 2; query (1, -1). Page bounds: p0: max(0,1)+max(-0,-0)... computed by hand below.
    const keys = [[0, 0], [1, 0], [2, 5], [0, 4], [3, 0], [1, 0], [0, 0], [0, 1]];
    // p0: c0 in [0,1] -> 1; c1 in [0,0] -> 0 => 1.  p1: c0 [0,2] -> 2; c1 [4,5] -> -4 => -2.
    // p2: c0 [1,3] -> 3; c1 [0,0] -> 0 => 3.  p3: c0 [0,0] -> 0; c1 [0,1] -> -0 => 0.
    // Sink {0}, local {7}, then p2 {4,5}, then p0 adds {1}: 5 tokens.
    expect(Array.from(quest.select(0, view(8, [1, -1], keys)))).toEqual([0, 1, 4, 5, 7]);
  });

  it('StreamingLLM keeps 4 sinks and the most recent tokens', () => {
    expect(Array.from(new StreamingLlm(8).select(0, view(20, [0], []))).join()).toBe('0,1,2,3,16,17,18,19');
  });
});

describe('attention recovery', () => {
  it('equals the log-sum-exp ratio of the kept scores to all scores, computed from q and k directly', () => {
    const rng = createRng(3);
    const hs = 8, n = 40, rows = 2;
    const q = Float32Array.from({ length: rows * hs }, () => rng.normal());
    const k = Float32Array.from({ length: n * hs }, () => rng.normal() * 2);
    const kept = [0, 3, 7, 20, 21, 39];
    const viaProbs = recoveredMass(fullAttention(q, rows, k, n, hs), rows, n, kept);
    let viaScores = 0;
    for (let r = 0; r < rows; r++) {
      const s = Array.from({ length: n }, (_, j) => { let d = 0; for (let c = 0; c < hs; c++) d += q[r * hs + c] * k[j * hs + c]; return d / Math.sqrt(hs); });
      const lse = (xs: number[]) => { const m = Math.max(...xs); return m + Math.log(xs.reduce((a, x) => a + Math.exp(x - m), 0)); };
      viaScores += Math.exp(lse(kept.map((j) => s[j])) - lse(s));
    }
    expect(viaProbs).toBeCloseTo(viaScores, 6);
  });

  it('inside the engine: the full attention on kept tokens over the kept attention the engine computed is one ratio per row', () => {
    const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 2, heads: 4, kvHeads: 2, seqLen: 32, vocab: 40, tiedClassifier: true };
    const model = new LlamaModel(randomLlama(config, 5, 0.2, 0.1), new ReferenceBackend());
    const seen: { kept: Int32Array; full: Float32Array; probs: Float32Array; rows: number; n: number }[] = [];
    const inner = new StreamingLlm(6);
    const spy: SelectionPolicy = { name: 'spy', select: (h, v) => inner.select(h, v), update: (_h, n, kept, probs, rows, full) => { if (n > 6) seen.push({ kept, full, probs: probs.slice(), rows, n }); } };
    const sel = new SelectingKvCache(2, 8, 6, spy, 32);
    const cache = new KvCache([new FullKvCache(2, 8, 'fp16', 32), sel]);
    for (let t = 0; t < 20; t++) model.forward([t % 40], cache, { logits: 'none' });
    let ratio = 0;
    for (const s of seen) for (let r = 0; r < s.rows; r++) ratio += s.full[r * s.n + s.kept[0]] / s.probs[r * s.kept.length];
    expect(seen.length).toBe(2 * 14);
    expect(sel.stats.recovered / sel.stats.rows).toBeCloseTo(ratio / sel.stats.rows, 5);
  });
});

describe('AttentionPredictor network', () => {
  it('has the paper\'s 4,833 parameters and scores one value per block', async () => {
    await selectBackend(() => {});
    const net = new AttentionPredictorNet(8, 1);
    expect(net.parameterCount()).toBe(4833);
    expect(net.predict(new Float32Array(2 * 8 * 16).fill(0.1), 2, 16).length).toBe(32);
    // Its im2col convolutions equal tfjs's own conv2d / conv1d on the same weights.
    const p = net.params;
    const x = tf.randomNormal([2, 8, 16], 0, 1, 'float32', 4) as tf.Tensor3D;
    const ref = tf.tidy(() => {
      const h1 = tf.relu(tf.add(tf.conv2d(x.expandDims(3) as tf.Tensor4D, p.get('conv1') as tf.Tensor4D, 1, 'same'), p.get('bias1')));
      const h2 = tf.relu(tf.add(tf.conv2d(h1 as tf.Tensor4D, p.get('conv2') as tf.Tensor4D, 1, 'same'), p.get('bias2')));
      return tf.squeeze(tf.add(tf.conv1d(tf.mean(h2, 1) as tf.Tensor3D, p.get('head') as tf.Tensor3D, 1, 'same'), p.get('biasHead')), [2]);
    });
    expect(tf.max(tf.abs(tf.sub(ref, net.forward(x)))).dataSync()[0]).toBeLessThan(1e-5);
  });
});

describe('AttentionPredictor training samples with decode-time (sparse) history rows', () => {
  it('keeps one full row in 5 and, in the others, only the kept tokens renormalized', () => {
    // One 12 x 12 attention matrix whose row s weights token j by j + 1: every row's top block is its last.
    const T = 12, a = new Float32Array(T * T);
    for (let s = 0; s < T; s++) for (let j = 0; j <= s; j++) a[s * T + j] = (j + 1) / (((s + 1) * (s + 2)) / 2);
    const pooled = (row: number[]) => [0, 1, 2].map((b) => Math.max(0, ...row.slice(4 * b, 4 * b + 4)));
    const fullRow = (s: number) => pooled(Array.from(a.subarray(s * T, s * T + s + 1)));
    // Budget 4 (sink 1, local 1, blocks of 4): token 0, token s, then the last block's tokens and the one before, in order.
    const keptRow = (s: number) => {
      const kept = new Set([0, s]);
      for (let b = Math.floor(s / 4); b >= 0 && kept.size < 4; b--) for (let j = 4 * b; j <= Math.min(s, 4 * b + 3) && kept.size < 4; j++) kept.add(j);
      const mass = [...kept].reduce((m, j) => m + (j + 1), 0);
      return pooled(Array.from({ length: s + 1 }, (_, j) => (kept.has(j) ? (j + 1) / mass : 0)));
    };
    const H = 10;
    const samples = predictorSamples([[a]], T, { history: H, blocks: [4], share: 1, minTokens: 4, seed: 3, sparse: { budgets: [4], maxBlock: 16, calibrateEvery: 5 } });
    expect(samples.length).toBe(T - 4);
    let sparseRows = 0;
    for (const [k, x] of samples.entries()) {
      const t = 4 + k, fullSteps: number[] = [];
      for (let i = 0; i < H; i++) {
        const s = t - H + i, got = Array.from(x.image.subarray(i * 3, i * 3 + 3));
        if (s < 0) { expect(got).toEqual([0, 0, 0]); continue; }
        const full = fullRow(s), sparse = keptRow(s);
        const isFull = got.every((v, b) => Math.abs(v - full[b]) < 1e-6);
        if (s < 4) expect(isFull).toBe(true);
        else if (isFull) fullSteps.push(s);
        else { sparseRows++; got.forEach((v, b) => expect(v).toBeCloseTo(sparse[b], 6)); }
      }
      // The full rows past the budget are one calibration phase: 5 steps apart.
      for (let i = 1; i < fullSteps.length; i++) expect(fullSteps[i] - fullSteps[i - 1]).toBe(5);
      expect(Array.from(x.target)).toEqual(fullRow(t).map((v) => Math.fround(v)));
    }
    expect(sparseRows).toBeGreaterThan(20);
  });
});
