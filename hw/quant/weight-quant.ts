/**
 * Group-wise weight quantization of a K x N weight matrix (row-major, w[k*N + n]). Groups run along
 * K, the reduction dimension: group g of column n is rows g*G .. g*G+G-1, so one output's partial sum
 * over a group shares one scale (and zero point) and is dequantized once.
 *
 * - symmetric: signed codes in the restricted range [-(2^(b-1)-1), 2^(b-1)-1] (INT4: -7..7), scale =
 *   absmax / (2^(b-1)-1). The code -2^(b-1) is never produced, so the grid is symmetric about zero
 *   and negating a weight negates its code; the zero point is 0.
 * - asymmetric: unsigned codes 0..2^b-1 with an integer zero point z in the same range, scale =
 *   (max - min) / (2^b - 1) over the group's range widened to include 0 (as GPTQ does), so 0.0 is
 *   exactly representable.
 *
 * Scales are FP16 (rounded up, see scale.ts) and codes are computed with that stored scale, so
 * `(code - zero) * scale` is exactly the value the hardware dequantizes, and every element is within
 * scale/2 of its original value. Codes round to nearest, ties to even.
 */
import { fp16FromNumber, fp16ToNumber, roundHalfEven } from '../numeric/index.ts';
import { UserError } from '../../util/index.ts';
import { checkBits, checkMatrix, resolveGroupSize, type GroupSize } from './options.ts';
import { fp16ScaleFor } from './scale.ts';

export const QUANT_SCHEMES = ['symmetric', 'asymmetric'] as const;
export type QuantScheme = (typeof QUANT_SCHEMES)[number];

export interface WeightQuantOptions {
  /** Code width, 2..8. */
  bits: number;
  /** Rows of K per group (must divide K), or 'channel' for one group spanning all of K. */
  groupSize: GroupSize;
  scheme: QuantScheme;
}

export interface QuantizedWeights {
  readonly K: number;
  readonly N: number;
  readonly bits: number;
  readonly scheme: QuantScheme;
  /** Rows per group (K for per-channel). */
  readonly groupSize: number;
  /** K / groupSize. */
  readonly groups: number;
  /** K x N codes, row-major: signed for symmetric, unsigned 0..2^b-1 for asymmetric. */
  readonly codes: Int16Array;
  /** groups x N FP16 scale encodings (scales[g*N + n]); +0 for an all-zero group. */
  readonly scales: Uint16Array;
  /** groups x N zero points (all 0 for symmetric). */
  readonly zeros: Uint8Array;
}

/** Code range of a scheme at a bit width. */
export function codeRange(scheme: QuantScheme, bits: number): { min: number; max: number } {
  return scheme === 'symmetric' ? { min: -(2 ** (bits - 1) - 1), max: 2 ** (bits - 1) - 1 } : { min: 0, max: 2 ** bits - 1 };
}

export function quantizeWeights(weights: ArrayLike<number>, K: number, N: number, options: WeightQuantOptions): QuantizedWeights {
  const { bits, scheme } = options;
  checkMatrix(weights, K, N, 'weights');
  checkBits(bits);
  if (!QUANT_SCHEMES.includes(scheme)) {
    throw new UserError(`unknown quantization scheme '${String(scheme)}'`, '--scheme', `valid choices: ${QUANT_SCHEMES.join(', ')}`);
  }
  const groupSize = resolveGroupSize(options.groupSize, K);
  const groups = K / groupSize;
  const { min: codeMin, max: codeMax } = codeRange(scheme, bits);
  const codes = new Int16Array(K * N);
  const scales = new Uint16Array(groups * N);
  const zeros = new Uint8Array(groups * N);
  const lo = new Float64Array(N);
  const hi = new Float64Array(N);
  for (let g = 0; g < groups; g++) {
    const k0 = g * groupSize;
    // Range of each column over the group's rows (zero included), walking rows for locality.
    lo.fill(0);
    hi.fill(0);
    for (let k = k0; k < k0 + groupSize; k++) {
      for (let n = 0; n < N; n++) {
        const w = weights[k * N + n]!;
        if (w < lo[n]!) lo[n] = w;
        if (w > hi[n]!) hi[n] = w;
      }
    }
    for (let n = 0; n < N; n++) {
      const scale =
        scheme === 'symmetric'
          ? fp16ScaleFor(Math.max(-lo[n]!, hi[n]!), codeMax, 'weights')
          : fp16ScaleFor(hi[n]! - lo[n]!, codeMax, 'weights');
      scales[g * N + n] = scale;
      const s = fp16ToNumber(scale);
      const zero = scheme === 'symmetric' || s === 0 ? 0 : Math.min(codeMax, roundHalfEven(-lo[n]! / s));
      zeros[g * N + n] = zero;
      for (let k = k0; k < k0 + groupSize; k++) {
        const q = s === 0 ? zero : roundHalfEven(weights[k * N + n]! / s) + zero;
        codes[k * N + n] = q < codeMin ? codeMin : q > codeMax ? codeMax : q;
      }
    }
  }
  return { K, N, bits, scheme, groupSize, groups, codes, scales, zeros };
}

/** The exact dequantized value (code - zero) * scale of element (k, n). */
export function dequantizeWeight(qw: QuantizedWeights, k: number, n: number): number {
  const gi = Math.floor(k / qw.groupSize) * qw.N + n;
  return (qw.codes[k * qw.N + n]! - qw.zeros[gi]!) * fp16ToNumber(qw.scales[gi]!);
}

/** All K x N dequantized values, exact (the product of a small integer and an FP16 scale fits a double). */
export function dequantizeWeights(qw: QuantizedWeights): Float64Array {
  const { K, N, groupSize, codes, scales, zeros } = qw;
  const out = new Float64Array(K * N);
  for (let k = 0; k < K; k++) {
    const row = Math.floor(k / groupSize) * N;
    for (let n = 0; n < N; n++) out[k * N + n] = (codes[k * N + n]! - zeros[row + n]!) * fp16ToNumber(scales[row + n]!);
  }
  return out;
}

/**
 * The weights as an FP16 datapath holds them after dequantization (the `fp16` baseline PE): the
 * integer (code - zero) is exact in FP16, and one FP16 multiply by the scale rounds the product (RNE).
 */
export function dequantizeWeightsFp16(qw: QuantizedWeights): Uint16Array {
  const exact = dequantizeWeights(qw);
  const out = new Uint16Array(exact.length);
  for (let i = 0; i < exact.length; i++) out[i] = fp16FromNumber(exact[i]!);
  return out;
}
