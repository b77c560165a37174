import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { selectBackend } from '../../../../models/common/index.ts';
import { ReferenceBackend } from '../../../../models/common/gemm/index.ts';
import { LlamaModel, SwiGluFeedForward, TfLlama, type LlamaConfig } from '../../../../models/llm/index.ts';
import {
  activationProfile, balanceBias, calibrate, captureFfnInputs, carvedModel, carveLayer, carveModel, CarvedFeedForward, finetuneCmoe, fitBias, installCmoeGate, maxOverMean, parseCmoeConfig, routerRows, selectAndBalance, selectExperts, staticPruning,
} from '../../../../models/llm/compress/index.ts';
import { randomLlama } from '../random-llama.ts';

const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 2, heads: 4, kvHeads: 2, vocab: 40, seqLen: 24, tiedClassifier: true };
const weights = randomLlama(config, 7, 0.2, 0.1);
const rng = createRng(3);
const windows = Array.from({ length: 3 }, () => Uint16Array.from({ length: 24 }, () => rng.int(3, 39)));
const relMax = (a: Float32Array, b: Float32Array) => {
  let e = 0, s = 0;
  for (let i = 0; i < a.length; i++) { e = Math.max(e, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return e / s;
};

beforeAll(async () => { await selectBackend(() => {}); });

describe('CMoE carving', () => {
  let cal!: Awaited<ReturnType<typeof calibrate>>;
  beforeAll(async () => { cal = await calibrate(weights, windows, 6); });

  it('marks K_a neurons per token; rates are the marked shares', async () => {
    const p = cal.profiles[0];
    for (let t = 0; t < p.tokens; t++) expect(p.markers.subarray(t * 64, (t + 1) * 64).reduce((a, b) => a + b, 0)).toBe(6);
    expect(p.rates.reduce((a, b) => a + b, 0)).toBeCloseTo(6, 9);
    // The marked neurons are the top 6 of |SiLU(x^ g^) (x^ u^)| (recomputed here by plain loops for token 0).
    const x = cal.inputs[0].subarray(0, 32), w = weights.layers[0];
    const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, a) => s + a * a, 0));
    const h = Array.from({ length: 64 }, (_, j) => {
      const g = w.w1.subarray(j * 32, (j + 1) * 32), u = w.w3.subarray(j * 32, (j + 1) * 32);
      const a = Array.from(x).reduce((s, v, d) => s + v * g[d], 0) / norm(x) / norm(g);
      const b = Array.from(x).reduce((s, v, d) => s + v * u[d], 0) / norm(x) / norm(u);
      return Math.abs((a / (1 + Math.exp(-a))) * b);
    });
    const top = h.map((v, j) => [v, j]).sort((a, b) => b[0] - a[0]).slice(0, 6).map(([, j]) => j).sort((a, b) => a - b);
    expect(Array.from(p.markers.subarray(0, 64)).flatMap((m, j) => (m ? [j] : []))).toEqual(top);
  });

  it('partitions the neurons: shared = the highest rates, routed experts of equal size', async () => {
    const c = parseCmoeConfig('S2A2E8', 64);
    for (const grouping of ['kmeans', 'random'] as const) {
      const carved = carveLayer(cal.profiles[0], c, grouping, 5);
      expect(carved.shared.length).toBe(16);
      expect(carved.experts.map((e) => e.length)).toEqual(new Array(6).fill(8));
      const all = [...carved.shared, ...carved.experts.flatMap((e) => Array.from(e))].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 64 }, (_, j) => j));
      carved.experts.forEach((e, i) => expect(Array.from(e)).toContain(carved.representatives[i]));
      const minShared = Math.min(...Array.from(carved.shared, (j) => cal.profiles[0].rates[j]));
      for (const e of carved.experts) for (const j of e) expect(cal.profiles[0].rates[j]).toBeLessThanOrEqual(minShared);
    }
    expect(() => parseCmoeConfig('S2A2E7', 64)).toThrow(/divide/);
    expect(() => parseCmoeConfig('2-2-16', 64)).toThrow(/SxAyEz/);
  });

  it('picks each expert\'s representative by the rule asked: the L1-closest to the centroid, or the most active', async () => {
    const p = cal.profiles[0], c = parseCmoeConfig('S2A2E8', 64);
    const byCentroid = carveLayer(p, c, 'kmeans', 1, 'centroid'), byRate = carveLayer(p, c, 'kmeans', 1, 'rate');
    expect(byRate.experts).toEqual(byCentroid.experts);
    byCentroid.experts.forEach((members, e) => {
      // Plain loops: the centroid of the members' marker columns, each member's L1 distance to it.
      const distance = (j: number) => {
        let d = 0;
        for (let t = 0; t < p.tokens; t++) {
          let mean = 0;
          for (const k of members) mean += p.markers[t * p.hidden + k];
          d += Math.abs(p.markers[t * p.hidden + j] - mean / members.length);
        }
        return d;
      };
      const ds = Array.from(members, distance);
      expect(distance(byCentroid.representatives[e])).toBe(Math.min(...ds));
      expect(p.rates[byRate.representatives[e]]).toBe(Math.max(...Array.from(members, (j) => p.rates[j])));
    });
  });

  it('equals the dense FFN when every routed expert is active (the router covers all)', async () => {
    const be = new ReferenceBackend();
    const x = cal.inputs[1].subarray(0, 10 * 32);
    const dense = new SwiGluFeedForward(be, weights.layers[1], 32, 64).forward(x, 10, 1);
    const carved = carveLayer(cal.profiles[1], parseCmoeConfig('S2A6E8', 64), 'kmeans');
    const moe = new CarvedFeedForward(be, weights.layers[1], 32, 64, carved, { active: 6, bias: Float64Array.from({ length: 6 }, (_, e) => 0.1 * e) });
    expect(relMax(moe.forward(x, 10, 1), dense)).toBeLessThan(1e-6);
    expect(Array.from(moe.loads)).toEqual(new Array(6).fill(10));
    // One token at a time (decode: the picked experts gathered into one product each) gives the same.
    for (let t = 0; t < 3; t++) expect(relMax(moe.forward(x.subarray(t * 32, (t + 1) * 32), 1, 1), dense.subarray(t * 32, (t + 1) * 32))).toBeLessThan(1e-6);
    // The whole model too.
    const layers = await carveModel(weights, cal, parseCmoeConfig('S1A7E8', 64), 'kmeans', { steps: 10, batch: 8, rate: 0.001 }, 1);
    const a = carvedModel(weights, layers, 7, be).model.forward(Array.from(windows[0]), new LlamaModel(weights, be).newCache());
    const b = new LlamaModel(weights, be).forward(Array.from(windows[0]), new LlamaModel(weights, be).newCache());
    expect(relMax(a, b)).toBeLessThan(1e-5);
  });

  it('routes each token to its top A of score + bias; the bias evens the loads', async () => {
    const s = Float64Array.of(0.5, 0.3, 0.2, /* */ 0.1, 0.1, 0.8);
    expect(selectExperts(s, 2, 3, 1, new Float64Array(3))).toEqual([[0], [], [1]]);
    expect(selectExperts(s, 2, 3, 1, Float64Array.of(0, 0.25, 0))).toEqual([[], [0], [1]]);
    // Against a full sort (key descending, ties to the lower index) on scores with many ties.
    const rt = createRng(5), M = 60, E = 7;
    const tied = Float64Array.from({ length: M * E }, () => rt.int(0, 3) / 4), b = Float64Array.from({ length: E }, () => rt.int(0, 1) / 4);
    for (const k of [1, 3, 7]) {
      const expected: number[][] = Array.from({ length: E }, () => []);
      for (let t = 0; t < M; t++) {
        const order = Array.from({ length: E }, (_, e) => e).sort((p, q) => tied[t * E + q] + b[q] - (tied[t * E + p] + b[p]) || p - q);
        for (const e of order.slice(0, k)) expected[e].push(t);
      }
      expect(selectExperts(tied, M, E, k, b)).toEqual(expected);
    }
    // Scores skewed toward expert 0: without bias it takes every token; the fitted bias spreads them.
    const r = createRng(9), T = 400, R = 4;
    const skew = Float64Array.from({ length: T * R }, (_, i) => (i % R === 0 ? 0.4 : 0.2) + 0.05 * r.next());
    const loads = (bias: Float64Array) => Float64Array.from(selectExperts(skew, T, R, 1, bias).map((t) => t.length));
    expect(maxOverMean(loads(new Float64Array(R)))).toBe(4);
    expect(maxOverMean(loads(balanceBias(skew, T, R, 1, 400, 40)))).toBeLessThan(1.3);
  });

  it('decays the balancing step linearly when asked, and so settles where a fixed step keeps cycling', () => {
    // Clumps of identical tokens (as a frequent token's occurrences at layer 0) make the load jump as the
    // bias crosses their keys; the fit tokens are exactly three batches, so a fixed step cycles over them.
    const r = createRng(11), T = 300, R = 4, clumps = 12;
    const keys = Array.from({ length: clumps }, () => Array.from({ length: R }, () => r.next()));
    const s = Float64Array.from({ length: T * R }, (_, i) => keys[Math.floor(i / R) % clumps][i % R] + 0.01 * r.next());
    // Reference: a plain loop, step k of 400 moving each bias by 0.02 x (1 - k / 400) toward the mean load.
    const expected = new Float64Array(R);
    for (let k = 0; k < 400; k++) {
      const start = (k * 100) % T;
      const load = new Float64Array(R);
      for (let t = start; t < start + 100; t++) {
        const order = Array.from({ length: R }, (_, e) => e).sort((p, q) => s[t * R + q] + expected[q] - (s[t * R + p] + expected[p]) || p - q);
        load[order[0]]++;
      }
      for (let e = 0; e < R; e++) expected[e] += load[e] < 25 ? 0.02 * (1 - k / 400) : load[e] > 25 ? -0.02 * (1 - k / 400) : 0;
    }
    const decayed = balanceBias(s, T, R, 1, 400, 100, 0.02, 'linear');
    decayed.forEach((b, e) => expect(b).toBeCloseTo(expected[e], 12));
    const loads = (bias: Float64Array) => maxOverMean(Float64Array.from(selectExperts(s, T, R, 1, bias).map((t) => t.length)));
    expect(loads(decayed)).toBeLessThan(loads(balanceBias(s, T, R, 1, 400, 100, 0.02)));
    expect(Array.from(balanceBias(s, T, R, 1, 400, 100, 0.02, 'none'))).toEqual(Array.from(balanceBias(s, T, R, 1, 400, 100, 0.02)));
  });

  it('fits each layer\'s bias on the inputs the carved model feeds it (earlier layers carved, with their biases)', async () => {
    const c = parseCmoeConfig('S2A2E8', 64), balance = { steps: 30, batch: 8, rate: 0.01 };
    const layers = await carveModel(weights, cal, c, 'kmeans', balance, 1);
    // Reference: the whole carved model's FFN inputs captured in one pass (no early stop), then the same fit.
    const { model, ffns } = carvedModel(weights, layers, 2, new ReferenceBackend());
    const inputs = await captureFfnInputs(model, windows);
    expect(relMax(inputs[0], cal.inputs[0])).toBeLessThan(1e-6);
    expect(relMax(inputs[1], cal.inputs[1])).toBeGreaterThan(1e-3);
    for (const l of [0, 1]) expect(Array.from(layers[l].bias)).toEqual(Array.from(balanceBias(ffns[l].scores(inputs[l], cal.tokens, l), cal.tokens, 6, 2, 30, 8, 0.01)));
  });

  it('fits the bias on other windows than the calibration (`fit`), and fitBias refits a carved model from zero the same way', async () => {
    const c = parseCmoeConfig('S2A2E8', 64), fit = [windows[2], Uint16Array.from(windows[0]).reverse()];
    const balance = { steps: 30, batch: 16, rate: 0.01, fit };
    const layers = await carveModel(weights, cal, c, 'kmeans', balance, 1);
    const { model, ffns } = carvedModel(weights, layers, 2, new ReferenceBackend());
    const inputs = await captureFfnInputs(model, fit);
    const tokens = 2 * 24;
    for (const l of [0, 1]) expect(Array.from(layers[l].bias)).toEqual(Array.from(balanceBias(ffns[l].scores(inputs[l], tokens, l), tokens, 6, 2, 30, 16, 0.01)));
    expect(Array.from(layers[0].bias)).not.toEqual(Array.from((await carveModel(weights, cal, c, 'kmeans', { steps: 30, batch: 16, rate: 0.01 }, 1))[0].bias));
    const refit = layers.map((l) => ({ ...l, bias: new Float64Array(l.bias.length) }));
    await fitBias(weights, refit, 2, fit, balance);
    refit.forEach((l, i) => expect(Array.from(l.bias)).toEqual(Array.from(layers[i].bias)));
  });

  it('keeps updating the bias as tokens flow through (every batch of routed tokens), as in training', async () => {
    // selectAndBalance against a plain loop: select a batch with the current bias, then one step.
    const r = createRng(4), T = 50, R = 5;
    const s = Float64Array.from({ length: T * R }, (_, i) => (i % R === 1 ? 0.5 : 0.1) + 0.1 * r.next());
    const bias = new Float64Array(R), ref = new Float64Array(R);
    const picked = selectAndBalance(s, T, R, 2, bias, 8, 0.01);
    const expected: number[][] = Array.from({ length: R }, () => []);
    for (let start = 0; start < T; start += 8) {
      const n = Math.min(8, T - start);
      selectExperts(s.subarray(start * R, (start + n) * R), n, R, 2, ref).forEach((ts, e) => {
        for (const t of ts) expected[e].push(start + t);
        ref[e] += ts.length < (n * 2) / R ? 0.01 : ts.length > (n * 2) / R ? -0.01 : 0;
      });
    }
    expect(picked).toEqual(expected);
    expect(Array.from(bias)).toEqual(Array.from(ref));
    expect(bias[1]).toBeLessThan(0);
    // streamBalance: one pass of the carved model; layer 0 sees the dense model's inputs, so its
    // bias is selectAndBalance over those inputs' router scores, window after window.
    const c = parseCmoeConfig('S2A2E8', 64);
    const layers = await carveModel(weights, cal, c, 'kmeans', { steps: 0, batch: 8, rate: 0.01, stream: windows }, 1);
    const { ffns } = carvedModel(weights, layers, 2, new ReferenceBackend());
    const b0 = new Float64Array(6), x0 = cal.inputs[0];
    for (let w = 0; w < windows.length; w++) selectAndBalance(ffns[0].scores(x0.subarray(w * 24 * 32, (w + 1) * 24 * 32), 24, 0), 24, 6, 2, b0, 8, 0.01);
    expect(Array.from(layers[0].bias)).toEqual(Array.from(b0));
    expect(layers[1].bias.some((b) => b !== 0)).toBe(true);
  });

  it('static pruning keeps the highest-rate neurons for every token', async () => {
    const p = cal.profiles[0];
    const kept = staticPruning(p, 16);
    expect(kept.experts).toEqual([]);
    const threshold = Math.min(...Array.from(kept.shared, (j) => p.rates[j]));
    expect(Array.from(p.rates).filter((r) => r > threshold).length).toBeLessThan(16);
  });

  it('the training graph with the carved FFN computes the engine\'s carved model', async () => {
    const c = parseCmoeConfig('S2A2E8', 64);
    const layers = await carveModel(weights, cal, c, 'kmeans', { steps: 20, batch: 8, rate: 0.01 }, 1);
    const be = new ReferenceBackend();
    const engine = carvedModel(weights, layers, 2, be).model;
    const ids = Array.from(windows[1]);
    const expected = engine.forward(ids, engine.newCache());
    const m = new TfLlama(config, 1);
    m.fromWeights(weights);
    const gate = installCmoeGate(m, weights, layers, 2);
    const got = tf.tidy(() => m.logits(tf.tensor2d(Int32Array.from(ids), [1, ids.length], 'int32'))).dataSync() as Float32Array;
    gate.dispose();
    m.dispose();
    expect(relMax(got, expected)).toBeLessThan(1e-4);
  });

  it('fine-tuning trains the adapters and scales (folded into weights the engine runs)', async () => {
    const layers = await carveModel(weights, cal, parseCmoeConfig('S2A2E8', 64), 'kmeans', undefined, 1);
    const stream = Uint16Array.from({ length: 300 }, () => rng.int(3, 39));
    const r = await finetuneCmoe(weights, layers, 2, stream, { steps: 3, batch: 2, context: 12, lr: 1e-2, rank: 4, alpha: 8, seed: 1, balanceRate: 0.01 });
    expect(r.losses.every(Number.isFinite)).toBe(true);
    expect(r.samples).toBe(6);
    // The bias kept its balancing update: 3 steps of +-0.01 (or 0) per expert, and the carved layers' own biases untouched.
    for (const [l, b] of r.biases.entries()) {
      for (const v of b) expect(Math.abs(Math.round(v / 0.01) * 0.01 - v)).toBeLessThan(1e-9);
      expect(b.some((v) => v !== 0)).toBe(true);
      expect(Array.from(layers[l].bias)).toEqual(new Array(6).fill(0));
    }
    expect(r.scales.some((s) => s.some((x) => x !== 0))).toBe(true);
    expect(relMax(r.weights.layers[0].wq, weights.layers[0].wq)).toBeGreaterThan(0);
    const tuned = carvedModel(r.weights, layers.map((l, i) => ({ ...l, scales: r.scales[i], router: routerRows(weights.layers[i], l.carved.representatives, 32) })), 2, new ReferenceBackend()).model;
    expect(tuned.forward(Array.from(windows[0]), tuned.newCache()).every(Number.isFinite)).toBe(true);
  });

  it('activationProfile refuses a K_a outside the FFN', async () => {
    expect(() => activationProfile(cal.inputs[0], 1, weights.layers[0].w1, weights.layers[0].w3, 32, 64, 65)).toThrow(/K_a/);
  });
});
