import { describe, expect, it } from 'vitest';
import {
  codeRange,
  createRng,
  dequantizeWeight,
  dequantizeWeights,
  dequantizeWeightsFp16,
  fp16FromNumber,
  fp16ToNumber,
  quantizeWeights,
  type QuantScheme,
} from '../../../hw/index.ts';
import { UserError } from '../../../util/index.ts';

function randomWeights(K: number, N: number, seed: number, spread = 0.05): Float64Array {
  const rng = createRng(seed);
  const w = new Float64Array(K * N);
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * spread * (1 + (i % N) / N) + (rng.next() < 0.01 ? 0.3 : 0);
  return w;
}

const SCHEMES: QuantScheme[] = ['symmetric', 'asymmetric'];

describe('group-wise weight quantization', () => {
  for (const scheme of SCHEMES) {
    for (const groupSize of [32, 64, 128, 'channel'] as const) {
      for (const bits of [2, 3, 4, 8]) {
        it(`${scheme}, group ${groupSize}, ${bits} bits: codes in range, error <= scale/2, scale shared per group`, () => {
          const K = 256;
          const N = 24;
          const w = randomWeights(K, N, bits * 1000 + (groupSize === 'channel' ? 1 : groupSize));
          const qw = quantizeWeights(w, K, N, { bits, groupSize, scheme });
          const G = groupSize === 'channel' ? K : groupSize;
          expect(qw.groupSize).toBe(G);
          expect(qw.groups).toBe(K / G);
          const { min, max } = codeRange(scheme, bits);
          const deq = dequantizeWeights(qw);
          const problems: string[] = [];
          for (let k = 0; k < K; k++) {
            for (let n = 0; n < N; n++) {
              const i = k * N + n;
              const code = qw.codes[i]!;
              const gi = Math.floor(k / G) * N + n;
              const scale = fp16ToNumber(qw.scales[gi]!);
              const zero = qw.zeros[gi]!;
              // Independent dequantization from the stored fields.
              const value = (code - zero) * scale;
              if (code < min || code > max) problems.push(`code ${code} at ${k},${n}`);
              if (deq[i] !== value || dequantizeWeight(qw, k, n) !== value) problems.push(`dequant at ${k},${n}`);
              if (Math.abs(w[i]! - value) > (scale / 2) * (1 + 1e-12)) problems.push(`error ${Math.abs(w[i]! - value)} > ${scale / 2} at ${k},${n}`);
              if (scheme === 'symmetric' && zero !== 0) problems.push(`zero ${zero}`);
            }
          }
          expect(problems).toEqual([]);
        });
      }
    }
  }

  it('scales are the smallest FP16 values covering the group range', () => {
    const K = 64;
    const N = 8;
    const w = randomWeights(K, N, 9);
    for (const scheme of SCHEMES) {
      const qw = quantizeWeights(w, K, N, { bits: 4, groupSize: 32, scheme });
      for (let g = 0; g < 2; g++) {
        for (let n = 0; n < N; n++) {
          let lo = 0;
          let hi = 0;
          for (let k = g * 32; k < g * 32 + 32; k++) {
            lo = Math.min(lo, w[k * N + n]!);
            hi = Math.max(hi, w[k * N + n]!);
          }
          const needed = scheme === 'symmetric' ? Math.max(-lo, hi) / 7 : (hi - lo) / 15;
          const s = qw.scales[g * N + n]!;
          expect(fp16ToNumber(s)).toBeGreaterThanOrEqual(needed);
          expect(fp16ToNumber(s - 1)).toBeLessThan(needed);
        }
      }
    }
  });

  it('asymmetric zero point makes 0.0 exact and handles all-positive, all-negative and all-zero groups', () => {
    const K = 32;
    const N = 4;
    const w = new Float64Array(K * N);
    for (let k = 0; k < K; k++) {
      w[k * N + 0] = 0.5 + k / 64; // all positive: zero point 0
      w[k * N + 1] = -0.5 - k / 64; // all negative: zero point at the top code
      w[k * N + 2] = 0; // all zero: scale 0, codes at the zero point
      w[k * N + 3] = k % 2 === 0 ? 0 : (k - 16) / 8; // zeros among mixed values
    }
    const qw = quantizeWeights(w, K, N, { bits: 4, groupSize: 'channel', scheme: 'asymmetric' });
    expect(qw.zeros[0]).toBe(0);
    expect(qw.zeros[1]).toBe(15);
    expect(qw.scales[2]).toBe(0);
    const deq = dequantizeWeights(qw);
    for (let k = 0; k < K; k++) {
      expect(deq[k * N + 2]).toBe(0);
      if (k % 2 === 0) expect(deq[k * N + 3]).toBe(0);
    }
  });

  it('FP16 dequantization is the RNE of the exact product (code - zero) * scale', () => {
    const K = 128;
    const N = 16;
    const qw = quantizeWeights(randomWeights(K, N, 11), K, N, { bits: 4, groupSize: 64, scheme: 'asymmetric' });
    const exact = dequantizeWeights(qw);
    const half = dequantizeWeightsFp16(qw);
    for (let i = 0; i < exact.length; i++) expect(half[i]).toBe(fp16FromNumber(exact[i]!));
  });

  it('rejects group sizes that do not divide K with a UserError naming --group and the valid choices', () => {
    const w = new Float64Array(96 * 2);
    for (const groupSize of [64, 0, -32, 1.5]) {
      let error: unknown;
      try {
        quantizeWeights(w, 96, 2, { bits: 4, groupSize, scheme: 'symmetric' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      const ue = error as UserError;
      expect(ue.where).toBe('--group');
      expect(ue.message).toContain(`group size ${groupSize} does not divide K = 96`);
      expect(ue.fix).toContain('32');
    }
  });

  it('rejects unsupported bit widths, wrong lengths and non-finite weights', () => {
    expect(() => quantizeWeights(new Float64Array(8), 4, 2, { bits: 9, groupSize: 'channel', scheme: 'symmetric' })).toThrow(/bit width 9/);
    expect(() => quantizeWeights(new Float64Array(7), 4, 2, { bits: 4, groupSize: 'channel', scheme: 'symmetric' })).toThrow(/7 elements/);
    expect(() => quantizeWeights([1, NaN], 2, 1, { bits: 4, groupSize: 'channel', scheme: 'symmetric' })).toThrow(UserError);
    expect(() => quantizeWeights([1e9, 0], 2, 1, { bits: 4, groupSize: 'channel', scheme: 'symmetric' })).toThrow(/FP16 maximum/);
    expect(() => quantizeWeights([1, 0], 2, 1, { bits: 4, groupSize: 'channel', scheme: 'nf4' as QuantScheme })).toThrow(/unknown quantization scheme 'nf4'/);
  });
});
