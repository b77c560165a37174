import { describe, expect, it } from 'vitest';
import { createRng, fp16FromNumber, fp16ToNumber, mixpeEvalConfig, PE_KINDS, quantizeActivations } from '../../../../hw/index.ts';
import { simulateGemm } from '../../../../sim/index.ts';
import { ArrayBackend } from '../../../../models/common/gemm/index.ts';
import type { LlamaConfig } from '../../../../models/llm/config.ts';
import { addPlanes, keyPlaneProduct, keyScores, valuePlaneProduct, type CodedTokens } from '../../../../models/llm/kv/array/plane-kernel.ts';
import { kvDecodeCost, type StoredKv } from '../../../../models/llm/kv/index.ts';

const rng = createRng(11);
const array = mixpeEvalConfig(8, 8);
const mixpe = PE_KINDS['mixpe-w4a8'];

function coded(tokens: number, width: number, bits: number): CodedTokens {
  const codes = Uint16Array.from({ length: tokens * width }, () => Math.floor(rng.next() * 2 ** bits));
  const steps = Uint16Array.from({ length: tokens }, () => fp16FromNumber(0.01 + 0.05 * rng.next()));
  return { tokens, width, bits, codes, steps };
}

/** The dequantization unit's arithmetic, written out: per group u = fp32(fp32(P) * fp32(sw * sa)), added in group order. */
function plainGemm(ops: ReturnType<typeof keyPlaneProduct>): Float32Array {
  const { m, k, n } = ops.shape;
  const { weights: w, activations: a } = ops.operands;
  if (!('codes' in a) || !('zeros' in w)) throw new Error('integer operands expected');
  const G = w.groupSize, y = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let g = 0; g < k / G; g++) {
        let P = 0;
        for (let t = g * G; t < (g + 1) * G; t++) P += a.codes[i * k + t] * (w.codes[t * n + j] - w.zeros[g * n + j]);
        acc = Math.fround(acc + Math.fround(Math.fround(P) * Math.fround(fp16ToNumber(w.scales[g * n + j]) * fp16ToNumber(a.scales[i]))));
      }
      y[i * n + j] = acc;
    }
  }
  return y;
}

describe('planes kernel: quantized keys and values on MixPE lanes, bit for bit in cycle mode', () => {
  it.each([[2, 1], [4, 1], [8, 1], [4, 3], [8, 3]])('keys at %i bits in %i chunk(s): cycle mode equals the plain arithmetic and the exact scores', (bits, chunks) => {
    const d = 16, T = 40, rows = 2;
    const keys = coded(T, d, bits);
    const query = quantizeActivations(Float32Array.from({ length: rows * d }, () => rng.normal()), rows, d, 8);
    const p = keyPlaneProduct(mixpe, array, query, keys, chunks);
    expect(p.planes).toBe(bits > 4 ? 2 : 1);
    expect(p.shape).toEqual({ m: rows * chunks, k: chunks * p.planes * d, n: Math.ceil(T / chunks) });
    const cycle = simulateGemm(p.config, p.shape, { mode: 'cycle', operands: p.operands }).output!;
    expect(cycle).toEqual(plainGemm(p));
    const scores = keyScores(cycle, rows, T, chunks);
    // Stacking chunks changes no score by a bit: the other chunks' groups add exact zeros.
    if (chunks > 1) {
      const one = keyPlaneProduct(mixpe, array, query, keys, 1);
      expect(scores).toEqual(plainGemm(one));
    }
    // And the scores themselves: sum_c (xa sa) (code step), up to FP32 rounding.
    for (let i = 0; i < rows; i++) {
      for (let t = 0; t < T; t++) {
        let exact = 0;
        for (let c = 0; c < d; c++) exact += query.codes[i * d + c] * fp16ToNumber(query.scales[i]) * keys.codes[t * d + c] * fp16ToNumber(keys.steps[t]);
        expect(Math.abs(scores[i * T + t] - exact)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(exact)) * 4);
      }
    }
  });

  it.each([[2, 1], [4, 1], [8, 1], [4, 3], [8, 2]])('values at %i bits in %i chunk(s): cycle mode equals the plain arithmetic; the outputs add up to P (code step)', (bits, chunks) => {
    const d = 8, T = 37, rows = 2, group = 8;
    const values = coded(T, d, bits);
    const probs = Float32Array.from({ length: rows * T }, () => rng.next() / T);
    const p = valuePlaneProduct(mixpe, array, probs, rows, values, group, chunks);
    expect(p.shape).toEqual({ m: rows * chunks, k: Math.ceil(Math.ceil(T / chunks) / group) * group, n: chunks * d * p.planes });
    const cycle = simulateGemm(p.config, p.shape, { mode: 'cycle', operands: p.operands }).output!;
    expect(cycle).toEqual(plainGemm(p));
    const out = addPlanes(cycle, rows, d, p.planes, chunks);
    // Against the float product: the probabilities' INT8 rounding (half a step of the row's largest, at most) is the error.
    for (let i = 0; i < rows; i++) {
      const scaled = Array.from({ length: T }, (_, t) => Math.fround(probs[i * T + t] * fp16ToNumber(values.steps[t])));
      const half = Math.max(...scaled) / 127 / 2;
      for (let c = 0; c < d; c++) {
        let exact = 0, bound = 0;
        for (let t = 0; t < T; t++) { exact += scaled[t] * values.codes[t * d + c]; bound += half * values.codes[t * d + c]; }
        expect(Math.abs(out[i * d + c] - exact)).toBeLessThanOrEqual(bound * 1.01 + 1e-6);
      }
    }
  });
});

describe('decode cost with the planes kernel', () => {
  it('prices what cycle mode runs: the chunked key product takes as many cycles in fast mode as in cycle mode', () => {
    const keys = coded(200, 16, 4);
    const query = quantizeActivations(Float32Array.from({ length: 2 * 16 }, () => rng.normal()), 2, 16, 8);
    const p = keyPlaneProduct(mixpe, array, query, keys, 4);
    const cycle = simulateGemm(p.config, p.shape, { mode: 'cycle', operands: p.operands });
    const fast = simulateGemm(p.config, p.shape, { mode: 'fast' });
    expect(cycle.cycles).toBe(fast.cycles);
  });

  it('fewer stored bits cost fewer cycles and KV bytes at long contexts; the int8 kernel is kept', () => {
    const config: LlamaConfig = { dim: 128, hiddenDim: 384, layers: 2, heads: 4, kvHeads: 2, vocab: 64, seqLen: 256, tiedClassifier: true };
    const be = new ArrayBackend({ pe: mixpe, array: mixpeEvalConfig(64, 64), group: 128, scheme: 'asymmetric' });
    const at = (k: number, v: number, kernel: 'planes' | 'int8', mode: StoredKv['mode'] = 'per-token') => kvDecodeCost(config, be, [{ k, v, mode }, { k, v, mode }], 4096, kernel);
    for (const mode of ['per-token', 'kivi'] as const) {
      const kv8 = at(8, 8, 'planes', mode), kv4 = at(4, 4, 'planes', mode), kv2 = at(2, 2, 'planes', mode);
      expect(kv4.perToken.cycles).toBeLessThan(kv8.perToken.cycles);
      expect(kv2.perToken.cycles).toBeLessThanOrEqual(kv4.perToken.cycles);
      expect(kv4.kvBytes).toBeLessThan(kv8.kvBytes);
      // Stacking chunks into the array's rows beats one pass per 256 tokens.
      expect(kv8.perToken.cycles).toBeLessThan(at(8, 8, 'int8', mode).perToken.cycles);
    }
    expect(at(4, 4, 'int8').perToken.cycles).toBeGreaterThan(0);
  });
});
