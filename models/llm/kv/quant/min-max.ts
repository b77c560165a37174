/**
 * The KV-cache quantizer: asymmetric min-max uniform quantization of one group of values (a token's
 * row of a head, or one channel over a group of tokens). The group's minimum and step are stored
 * as FP16 (4 bytes of metadata per group); codes are unsigned `bits`-bit integers:
 *   step = fp16((max - min) / (2^bits - 1)), zero = fp16(min),
 *   code = clamp(round((x - zero) / step), 0, 2^bits - 1),  x' = fp32(zero + code * step).
 */
import { fp16FromNumber, fp16ToNumber } from '../../../../hw/index.ts';

/** Bytes of one group's metadata: an FP16 step and an FP16 minimum. */
export const GROUP_METADATA_BYTES = 4;

const toFp16 = (x: number) => fp16ToNumber(fp16FromNumber(x));

/** A group's quantization parameters. */
export interface GroupParameters {
  readonly zero: number;
  readonly step: number;
  readonly levels: number;
}

/** The FP16 minimum and step of the `count` values src[offset + i * stride]. */
export function groupParameters(src: Float32Array, offset: number, count: number, stride: number, bits: number): GroupParameters {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = src[offset + i * stride];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const levels = 2 ** bits - 1;
  return { zero: toFp16(lo), step: toFp16((hi - lo) / levels), levels };
}

/** The code of x in a group (0 when the group is constant). */
export function quantizeValue(x: number, p: GroupParameters): number {
  if (p.step === 0) return 0;
  return Math.min(p.levels, Math.max(0, Math.round((x - p.zero) / p.step)));
}

export function dequantizeCode(code: number, p: GroupParameters): number {
  return Math.fround(p.zero + code * p.step);
}

/**
 * Quantizes and dequantizes the group src[offset + i * stride], i < count, into dst at the same
 * places (dst may be src). `bits` >= 16 keeps the values (an unquantized FP16/FP32 cache).
 */
export function fakeQuantizeGroup(src: Float32Array, dst: Float32Array, offset: number, count: number, stride: number, bits: number): void {
  if (bits >= 16) {
    if (dst !== src) for (let i = 0; i < count; i++) dst[offset + i * stride] = src[offset + i * stride];
    return;
  }
  const p = groupParameters(src, offset, count, stride, bits);
  for (let i = 0; i < count; i++) {
    const at = offset + i * stride;
    dst[at] = dequantizeCode(quantizeValue(src[at], p), p);
  }
}

/** Every row of a rows x cols matrix quantized on its own (per token). */
export function fakeQuantizeRows(src: Float32Array, rows: number, cols: number, bits: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) fakeQuantizeGroup(src, out, r * cols, cols, 1, bits);
  return out;
}

/** Every column quantized on its own over consecutive groups of `group` rows (per channel); a last shorter group is its own group. */
export function fakeQuantizeColumns(src: Float32Array, rows: number, cols: number, bits: number, group: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r0 = 0; r0 < rows; r0 += group) {
    const count = Math.min(group, rows - r0);
    for (let c = 0; c < cols; c++) fakeQuantizeGroup(src, out, r0 * cols + c, count, cols, bits);
  }
  return out;
}
