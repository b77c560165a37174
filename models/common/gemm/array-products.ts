/**
 * Products of two run-time operands (attention's Q K^T and P V) on the array, at a chosen precision.
 *
 * B is quantized per token, where a token is one stored row of B:
 * - INT8, B stored as N rows of K (keys for Q K^T): each row is one weight column with its own FP16
 *   scale (group = K), on the `int8` PE; A is quantized per row.
 * - INT8, B stored as K rows of N (values for P V): a row of B is a k of the product, and weight
 *   groups run along K, so the per-token scale s_t is folded into A's column t before A is
 *   quantized per row (A~[i][t] = fp32(A[i][t] * s_t), one multiply in the softmax unit); the B
 *   codes then carry scale 1.0.
 * - FP16: both operands rounded to FP16, FP16 x FP16 products, FP32 accumulation over all of K: the
 *   `fp16` PE's datapath fed FP16 values directly. Its cost uses 16-bit weight codes; its cycle-mode
 *   check feeds each value as code 1 times an FP16 scale in a group of one, which the fp16 feeder
 *   dequantizes to the value itself.
 * K is padded with zeros to a multiple of `group` where K runs over tokens (P V), so groups have a
 * fixed length however long the context; zeros add nothing to any partial sum.
 */
import { FP16_ONE, fp16FromNumber, fp16ToNumber, PE_KINDS, quantizeActivations, type ArrayConfig, type QuantizedWeights } from '../../../hw/index.ts';
import type { GemmOperands, SimConfig } from '../../../sim/index.ts';
import { arrayActivations } from './array-operands.ts';
import { exactGemm, exactGemmRowsOfB } from './exact-kernels.ts';
import type { MatrixLayout, ProductPrecision } from './types.ts';

export interface ProductRun {
  /** The values (M x N). */
  readonly y: Float32Array;
  /** K as the array ran it (padded). */
  readonly k: number;
  /** The configuration whose fast-mode figures are the product's cost. */
  readonly costConfig: SimConfig;
  /** A configuration and operands that make cycle mode compute exactly `y` (for the check). */
  readonly check: () => { config: SimConfig; operands: GemmOperands };
}

const fp16Pe = PE_KINDS.fp16;
/** The fp16 PE costed with 16-bit weight codes (FP16 keys and values in the weight buffer). */
const fp16WeightsPe = { ...fp16Pe, weightBits: 16 };

/** Copies a row-major matrix into a wider one (zero columns appended). */
function padColumns(a: Float32Array, rows: number, cols: number, padded: number): Float32Array {
  if (padded === cols) return a;
  const out = new Float32Array(rows * padded);
  for (let r = 0; r < rows; r++) out.set(a.subarray(r * cols, (r + 1) * cols), r * padded);
  return out;
}

function weightsStruct(k: number, n: number, bits: number, groupSize: number, codes: Int16Array, scales: Uint16Array): QuantizedWeights {
  return { K: k, N: n, bits, scheme: 'symmetric', groupSize, groups: k / groupSize, codes, scales, zeros: new Uint8Array((k / groupSize) * n) };
}

/** K as the array runs the product: where K runs over tokens (B stored as K rows), whole groups. */
export function productK(k: number, layout: MatrixLayout, group: number): number {
  return layout === 'kn' ? Math.ceil(k / group) * group : k;
}

/** The configuration whose fast-mode figures are a product's cost (`k` as productK gives it). */
export function productCostConfig(precision: ProductPrecision, array: ArrayConfig, group: number, k: number, layout: MatrixLayout): SimConfig {
  const costGroup = layout === 'kn' ? group : k;
  return { pe: precision === 'int8' ? PE_KINDS.int8 : fp16WeightsPe, array, group: costGroup, scheme: 'symmetric' };
}

export function arrayProduct(
  precision: ProductPrecision, array: ArrayConfig, group: number,
  a: Float32Array, m: number, k0: number, b: Float32Array, n: number, layout: MatrixLayout,
): ProductRun {
  const k = productK(k0, layout, group);
  const costConfig = productCostConfig(precision, array, group, k, layout);
  const aPad = padColumns(a, m, k0, k);
  const bPad = layout === 'kn' && k !== k0 ? (() => { const t = new Float32Array(k * n); t.set(b); return t; })() : b;
  if (precision === 'int8') {
    const pe = PE_KINDS.int8;
    const config = costConfig;
    if (layout === 'nk') {
      const bq = quantizeActivations(bPad, n, k, 8);
      const xa = arrayActivations(pe, aPad, m, k);
      const wt = Float32Array.from(bq.codes);
      const y = exactGemm({ m, k, n, x: xa.x, xScale: xa.xScale, wt, wScale: Float64Array.from(bq.scales, fp16ToNumber), groupLength: k, integer: true });
      const check = () => {
        const codes = new Int16Array(k * n);
        for (let t = 0; t < k; t++) for (let j = 0; j < n; j++) codes[t * n + j] = bq.codes[j * k + t];
        return { config, operands: { weights: weightsStruct(k, n, 8, k, codes, bq.scales), activations: xa.activations } };
      };
      return { y, k, costConfig: config, check };
    }
    const bq = quantizeActivations(bPad, k, n, 8);
    const scaled = new Float32Array(m * k);
    for (let i = 0; i < m; i++) for (let t = 0; t < k; t++) scaled[i * k + t] = Math.fround(aPad[i * k + t] * fp16ToNumber(bq.scales[t]));
    const xa = arrayActivations(pe, scaled, m, k);
    const groups = k / group;
    const y = exactGemmRowsOfB({ m, k, n, x: xa.x, xScale: xa.xScale, w: Float32Array.from(bq.codes), wScale: new Float64Array(n * groups).fill(1), groupLength: group, integer: true });
    const check = () => ({ config, operands: { weights: weightsStruct(k, n, 8, group, Int16Array.from(bq.codes), new Uint16Array(groups * n).fill(FP16_ONE)), activations: xa.activations } });
    return { y, k, costConfig: config, check };
  }
  const xa = arrayActivations(fp16Pe, aPad, m, k);
  // B's FP16 encodings in K x N order (the check's scales) and its values in the stored order.
  const enc = new Uint16Array(k * n);
  const bv = new Float32Array(k * n);
  for (let i = 0; i < k * n; i++) {
    const h = fp16FromNumber(bPad[i]);
    bv[i] = fp16ToNumber(h);
    const [t, j] = layout === 'kn' ? [Math.floor(i / n), i % n] : [i % k, Math.floor(i / k)];
    enc[t * n + j] = h;
  }
  const ones = new Float64Array(n).fill(1);
  const y = layout === 'nk'
    ? exactGemm({ m, k, n, x: xa.x, xScale: undefined, wt: bv, wScale: ones, groupLength: k, integer: false })
    : exactGemmRowsOfB({ m, k, n, x: xa.x, xScale: undefined, w: bv, wScale: ones, groupLength: k, integer: false });
  const check = () => ({
    config: { pe: fp16Pe, array, group: 1, scheme: 'symmetric' as const },
    operands: { weights: weightsStruct(k, n, 4, 1, new Int16Array(k * n).fill(1), enc), activations: xa.activations },
  });
  return { y, k, costConfig, check };
}
