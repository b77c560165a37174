/**
 * ANT quantization of a K x N weight matrix: groups along K as in weight-quant.ts, one FP16 scale
 * per group and column, and a 4-bit type chosen by minimum mean squared error, either once for the
 * whole tensor (ANT's per-tensor selection) or separately for every group.
 *
 * For each candidate type the scale is absmax * ratio / maxValue (rounded up to FP16), for every
 * ratio in `clipRatios` (ANT searches clipping ratios; the default [1] does not clip), each element
 * takes the nearest value of the type, and the type with the lowest squared error wins; ties go to
 * the earlier candidate (int4 first: the cheapest decoder).
 */
import { fp16ToNumber } from '../numeric/index.ts';
import { UserError } from '../../util/index.ts';
import { ANT_TYPE_NAMES, antEncode, antType, type AntType, type AntTypeName } from './ant-types.ts';
import { checkMatrix, resolveGroupSize, type GroupSize } from './options.ts';
import { fp16ScaleFor } from './scale.ts';

export interface AntQuantOptions {
  groupSize: GroupSize;
  /** 'tensor': one type for the whole matrix; 'group': a type per group and column. */
  selection: 'tensor' | 'group';
  /** Signed types (weights); unsigned types saturate negative values to 0. Default true. */
  signed?: boolean;
  /** Types to choose from, in tie-break order. Default: int4, flint4, pot4. */
  candidates?: readonly AntTypeName[];
  /** Clipping ratios of the absolute maximum to try (each in (0, 1]). Default [1]. */
  clipRatios?: readonly number[];
}

export interface AntQuantizedWeights {
  readonly K: number;
  readonly N: number;
  readonly groupSize: number;
  readonly groups: number;
  /** The candidate types; `typeIndex` points into this list. */
  readonly types: readonly AntType[];
  /** groups x N: index of the chosen type of each group (all equal with selection 'tensor'). */
  readonly typeIndex: Uint8Array;
  /** K x N 4-bit codes, row-major. */
  readonly codes: Uint8Array;
  /** groups x N FP16 scale encodings. */
  readonly scales: Uint16Array;
  /** Sum of squared errors of the whole matrix. */
  readonly sse: number;
}

/** The best scale and squared error of one type on one group's elements (strided view). */
interface GroupFit {
  scale: number;
  sse: number;
}

function fitGroup(w: ArrayLike<number>, start: number, count: number, stride: number, type: AntType, clipRatios: readonly number[]): GroupFit {
  let absmax = 0;
  for (let i = 0; i < count; i++) absmax = Math.max(absmax, Math.abs(w[start + i * stride]!));
  let best: GroupFit = { scale: 0, sse: Infinity };
  for (const ratio of clipRatios) {
    const scale = fp16ScaleFor(absmax * ratio, type.maxValue, 'weights');
    const s = fp16ToNumber(scale);
    let sse = 0;
    for (let i = 0; i < count; i++) {
      const x = w[start + i * stride]!;
      const err = s === 0 ? x : x - type.decode[antEncode(type, x / s)]! * s;
      sse += err * err;
    }
    if (sse < best.sse) best = { scale, sse };
  }
  return best;
}

export function antQuantizeWeights(weights: ArrayLike<number>, K: number, N: number, options: AntQuantOptions): AntQuantizedWeights {
  checkMatrix(weights, K, N, 'weights');
  const groupSize = resolveGroupSize(options.groupSize, K);
  const groups = K / groupSize;
  const signed = options.signed ?? true;
  const names = options.candidates ?? ANT_TYPE_NAMES;
  if (names.length === 0 || names.some((n) => !ANT_TYPE_NAMES.includes(n))) {
    throw new UserError(`unknown ANT type list ${names.join(',') || '(empty)'}`, 'candidates', `valid choices: ${ANT_TYPE_NAMES.join(', ')}`);
  }
  const clipRatios = options.clipRatios ?? [1];
  if (clipRatios.length === 0 || clipRatios.some((r) => !(r > 0 && r <= 1))) {
    throw new UserError(`clip ratios must lie in (0, 1], got ${clipRatios.join(',') || '(none)'}`, 'clipRatios', 'e.g. [1] or [0.8, 0.9, 1]');
  }
  const types = names.map((n) => antType(n, signed));
  // fits[t][g*N + n]: the best fit of type t on group (g, n).
  const fits = types.map((type) => {
    const perGroup: GroupFit[] = [];
    for (let g = 0; g < groups; g++) for (let n = 0; n < N; n++) perGroup.push(fitGroup(weights, g * groupSize * N + n, groupSize, N, type, clipRatios));
    return perGroup;
  });
  const typeIndex = new Uint8Array(groups * N);
  if (options.selection === 'tensor') {
    const totals = fits.map((perGroup) => perGroup.reduce((sum, f) => sum + f.sse, 0));
    typeIndex.fill(totals.indexOf(Math.min(...totals)));
  } else {
    for (let gi = 0; gi < groups * N; gi++) {
      let best = 0;
      for (let t = 1; t < types.length; t++) if (fits[t]![gi]!.sse < fits[best]![gi]!.sse) best = t;
      typeIndex[gi] = best;
    }
  }
  const codes = new Uint8Array(K * N);
  const scales = new Uint16Array(groups * N);
  let sse = 0;
  for (let g = 0; g < groups; g++) {
    for (let n = 0; n < N; n++) {
      const gi = g * N + n;
      const type = types[typeIndex[gi]!]!;
      const fit = fits[typeIndex[gi]!]![gi]!;
      scales[gi] = fit.scale;
      sse += fit.sse;
      const s = fp16ToNumber(fit.scale);
      for (let k = g * groupSize; k < (g + 1) * groupSize; k++) codes[k * N + n] = s === 0 ? 0 : antEncode(type, weights[k * N + n]! / s);
    }
  }
  return { K, N, groupSize, groups, types, typeIndex, codes, scales, sse };
}

/** The K x N integer values the ANT decoders feed the integer MAC (decode of each code by its group's type). */
export function antDecodedWeights(qw: AntQuantizedWeights): Int32Array {
  const { K, N, groupSize, types, typeIndex, codes } = qw;
  const out = new Int32Array(K * N);
  for (let k = 0; k < K; k++) {
    const row = Math.floor(k / groupSize) * N;
    for (let n = 0; n < N; n++) out[k * N + n] = types[typeIndex[row + n]!]!.decode[codes[k * N + n]!]!;
  }
  return out;
}

/** All K x N dequantized values (decoded integer times the group's FP16 scale), exact. */
export function antDequantizeWeights(qw: AntQuantizedWeights): Float64Array {
  const ints = antDecodedWeights(qw);
  const { K, N, groupSize, scales } = qw;
  const out = new Float64Array(K * N);
  for (let k = 0; k < K; k++) {
    const row = Math.floor(k / groupSize) * N;
    for (let n = 0; n < N; n++) out[k * N + n] = ints[k * N + n]! * fp16ToNumber(scales[row + n]!);
  }
  return out;
}
