/**
 * Decode attention over a quantized cache on the array's own PEs: the "planes" kernel.
 *
 * A cached tensor stored as `bits`-bit unsigned min-max codes (code c, FP16 step s and minimum m per
 * group: x = m + c s) is the B operand of the attention products as it is stored: each code is cut
 * into planes of the PE's weight width w (plane p holds bits w p .. w p + w - 1), every plane a B
 * operand of unsigned w-bit codes with zero point 0. On MixPE (w = 4, 4 lanes: one INT8 activation
 * times 4 INT4 weights per cycle) a pass covers 4 x 64 cached tokens of 4-bit or 2-bit keys where
 * INT8 PEs cover 64. The minimum's term is added outside the array, in the softmax unit, which
 * touches every score and every probability anyway: sum_c q_c m_t per score (keys), sum_t p_t m_t
 * per output (values).
 *
 * Decode attention has 2 query rows per KV head; the array has 64 rows. The kernel fills them by
 * cutting the cached tokens into J chunks, one per group of query rows (split-K of the GEMV, as
 * flash-decoding splits the sequence): A holds J copies of the query rows, each meeting only its own
 * chunk, and the useful outputs are J diagonal blocks (the rest is computed and dropped).
 * - Keys (Q K^T; B = K x N with K = channels, N = tokens; per-token groups): chunk j's keys take
 *   K rows j P d .. (j + 1) P d - 1 (P planes of d channels) of B, columns = tokens within the
 *   chunk; A's row (j, i) is query i at chunk j's K rows and zero elsewhere (block diagonal). Plane
 *   p's group of token t carries the FP16 scale s_t 2^(w p) (exact: a power-of-two multiple of an
 *   FP16 value), so the dequantization unit adds the planes' partials in plane order, and the other
 *   chunks' groups add exact zeros: every score is what one chunk alone would give. A pass covers
 *   J x 4 x 64 tokens with J P d cycles of K instead of J passes of P d.
 * - Values (P V; B = K x N with K = tokens, N = channels; per-token groups along K): the per-token
 *   step is folded into the probabilities (as the engine's INT8 P V does) and each chunk's row is
 *   quantized to INT8 on its own; chunk j's values take columns j P d .. (j + 1) P d - 1 (planes
 *   split N, 2^(w p) as the group scale), K = the chunk's tokens. The J x P partial outputs of a
 *   query row are added outside the array, chunk by chunk, planes in order.
 *
 * The operands below make sim's cycle mode compute exactly these products (the tests check it bit for
 * bit against a plain computation of the same arithmetic).
 */
import { fp16FromNumber, fp16ToNumber, quantizeActivations, type ArrayConfig, type PeKind, type QuantizedActivations, type QuantizedWeights } from '../../../../hw/index.ts';
import type { GemmOperands, GemmShape, SimConfig } from '../../../../sim/index.ts';

/** Cached tokens of one KV head as min-max codes: T rows of `width` codes, one FP16 step per row. */
export interface CodedTokens {
  readonly tokens: number;
  readonly width: number;
  readonly bits: number;
  /** T x width unsigned codes, row-major. */
  readonly codes: Uint16Array;
  /** T FP16 step encodings. */
  readonly steps: Uint16Array;
}

export interface PlaneProduct {
  readonly config: SimConfig;
  readonly shape: GemmShape;
  readonly operands: GemmOperands;
  readonly planes: number;
}

/** Planes of a `bits`-bit code on a PE of `weightBits`-bit weights. */
export function planeCount(bits: number, weightBits: number): number {
  return Math.ceil(bits / weightBits);
}

/** Why a PE kind cannot run the planes kernel, or undefined if it can. */
export function planesKernelMisfit(pe: PeKind): string | undefined {
  return pe.activation === 'fp16' || pe.weightFeed !== 'code-minus-zero' || !pe.groupDequant
    ? `the planes kernel needs integer-activation PEs fed q - z with group dequantization; ${pe.id} is not one`
    : undefined;
}

function checkPe(pe: PeKind): void {
  const misfit = planesKernelMisfit(pe);
  if (misfit) throw new Error(misfit);
}

function planeOf(code: number, p: number, w: number): number {
  return (code >> (w * p)) & ((1 << w) - 1);
}

/** Plane p's scale: fp16 value * 2^(w p), exact while it stays within FP16's range. */
function planeScale(step: number, p: number, w: number): number {
  const v = fp16ToNumber(step) * 2 ** (w * p);
  const h = fp16FromNumber(v);
  if (fp16ToNumber(h) !== v) throw new Error(`plane scale ${v} is not an FP16 value`);
  return h;
}

function weights(k: number, n: number, w: number, group: number, codes: Int16Array, scales: Uint16Array): QuantizedWeights {
  return { K: k, N: n, bits: w, scheme: 'asymmetric', groupSize: group, groups: k / group, codes, scales, zeros: new Uint8Array((k / group) * n) };
}

/** Tokens per chunk when `tokens` are cut into `chunks` (the last chunk may be shorter or empty). */
export function chunkLength(tokens: number, chunks: number): number {
  return Math.ceil(tokens / chunks);
}

/** The key product's shape: `chunks` x rows query rows, chunks x planes x d of K, a chunk's tokens as N. */
export function keyProductShape(rows: number, d: number, tokens: number, planes: number, chunks: number): GemmShape {
  return { m: chunks * rows, k: chunks * planes * d, n: chunkLength(tokens, chunks) };
}

/** The value product's shape: `chunks` x rows, a chunk's tokens padded to whole groups as K, chunks x planes x d as N. */
export function valueProductShape(rows: number, d: number, tokens: number, planes: number, chunks: number, group: number): GemmShape {
  return { m: chunks * rows, k: Math.ceil(chunkLength(tokens, chunks) / group) * group, n: chunks * planes * d };
}

/** Scores Q K^T of `query` (rows x d INT8 codes) against coded keys (tokens x d): `chunks` chunks stacked along K, planes along K. */
export function keyPlaneProduct(pe: PeKind, array: ArrayConfig, query: QuantizedActivations, keys: CodedTokens, chunks = 1): PlaneProduct {
  checkPe(pe);
  const w = pe.weightBits, d = keys.width, rows = query.M, planes = planeCount(keys.bits, w);
  const { m, k, n } = keyProductShape(rows, d, keys.tokens, planes, chunks), span = planes * d;
  const codes = new Int16Array(k * n), scales = new Uint16Array(chunks * planes * n);
  for (let j = 0; j < chunks; j++) {
    for (let u = 0; u < n; u++) {
      const t = j * n + u;
      if (t >= keys.tokens) continue;
      for (let p = 0; p < planes; p++) {
        scales[(j * planes + p) * n + u] = planeScale(keys.steps[t], p, w);
        for (let c = 0; c < d; c++) codes[(j * span + p * d + c) * n + u] = planeOf(keys.codes[t * d + c], p, w);
      }
    }
  }
  const x = new Int8Array(m * k), xs = new Uint16Array(m);
  for (let j = 0; j < chunks; j++) {
    for (let i = 0; i < rows; i++) {
      xs[j * rows + i] = query.scales[i];
      for (let p = 0; p < planes; p++) x.set(query.codes.subarray(i * d, (i + 1) * d), (j * rows + i) * k + j * span + p * d);
    }
  }
  const config: SimConfig = { pe, array, group: d, scheme: 'asymmetric' };
  return { config, shape: { m, k, n }, planes, operands: { weights: weights(k, n, w, d, codes, scales), activations: { M: m, K: k, bits: query.bits, codes: x, scales: xs } } };
}

/** The scores (rows x tokens) in a key product's output: chunk j's rows against chunk j's columns. */
export function keyScores(y: Float32Array, rows: number, tokens: number, chunks: number): Float32Array {
  const n = chunkLength(tokens, chunks), out = new Float32Array(rows * tokens);
  for (let j = 0; j < chunks; j++) for (let i = 0; i < rows; i++) for (let u = 0; u < n && j * n + u < tokens; u++) out[i * tokens + j * n + u] = y[(j * rows + i) * n + u];
  return out;
}

/**
 * P V of probabilities (rows x T) and coded values (T x d): the per-token step folded into the
 * probabilities, `chunks` chunks of tokens (each K padded to whole groups, each row quantized to
 * INT8 on its own) side by side along N, planes along N.
 */
export function valuePlaneProduct(pe: PeKind, array: ArrayConfig, probs: Float32Array, rows: number, values: CodedTokens, group: number, chunks = 1): PlaneProduct {
  checkPe(pe);
  const w = pe.weightBits, d = values.width, T = values.tokens, planes = planeCount(values.bits, w);
  const len = chunkLength(T, chunks), { m, k, n } = valueProductShape(rows, d, T, planes, chunks, group), span = planes * d;
  const scaled = new Float32Array(m * k);
  for (let j = 0; j < chunks; j++) {
    for (let i = 0; i < rows; i++) {
      for (let u = 0; u < len && j * len + u < T; u++) scaled[(j * rows + i) * k + u] = Math.fround(probs[i * T + j * len + u] * fp16ToNumber(values.steps[j * len + u]));
    }
  }
  const activations = quantizeActivations(scaled, m, k, 8);
  const codes = new Int16Array(k * n), groups = k / group, scales = new Uint16Array(groups * n);
  for (let j = 0; j < chunks; j++) {
    for (let p = 0; p < planes; p++) {
      const s = fp16FromNumber(2 ** (w * p)), col = j * span + p * d;
      for (let g = 0; g < groups; g++) for (let c = 0; c < d; c++) scales[g * n + col + c] = s;
      for (let u = 0; u < len && j * len + u < T; u++) for (let c = 0; c < d; c++) codes[u * n + col + c] = planeOf(values.codes[(j * len + u) * d + c], p, w);
    }
  }
  const config: SimConfig = { pe, array, group, scheme: 'asymmetric' };
  return { config, shape: { m, k, n }, planes, operands: { weights: weights(k, n, w, group, codes, scales), activations } };
}

/** A value product's outputs (J rows x J planes d) reduced to rows x d: chunk by chunk, planes in order. */
export function addPlanes(y: Float32Array, rows: number, d: number, planes: number, chunks = 1): Float32Array {
  const out = new Float32Array(rows * d), n = chunks * planes * d;
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < d; c++) {
      let acc = 0;
      for (let j = 0; j < chunks; j++) for (let p = 0; p < planes; p++) acc = Math.fround(acc + y[(j * rows + i) * n + (j * planes + p) * d + c]);
      out[i * d + c] = acc;
    }
  }
  return out;
}
