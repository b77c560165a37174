/**
 * The exact arithmetic of each PE kind, one scalar step at a time, as docs/sim-cycle-model.md
 * defines it. The simulator's generated kernels compute the same thing in bulk; tests hold them to
 * these functions and these functions to plain reference math.
 */
import { f32, fp16FromNumber, fp16ToNumber } from '../numeric/index.ts';
import type { PeKind } from './kinds.ts';

/**
 * INT4 x FP16 by shift-and-add, as the MixPE W4A16 PE does it: |w| = sum b_i 2^i, and each set bit
 * adds the activation with its exponent raised by i (exact: x * 2^i only moves the exponent). The
 * adder is wide enough (15-bit significand) that the sum is exact, so the result equals w * x.
 * Infinite and NaN activations bypass the adder with IEEE semantics (0 x inf = NaN).
 */
export function shiftAddProduct(w: number, xFp16: number): number {
  const x = fp16ToNumber(xFp16);
  if (!Number.isFinite(x)) return w * x;
  const magnitude = Math.abs(w);
  let sum = 0;
  for (let i = 0; magnitude >> i !== 0; i++) if ((magnitude >> i) & 1) sum += x * 2 ** i;
  return w < 0 ? -sum : sum;
}

/**
 * The weight operand the column feeder hands the PE (W' in the cycle model). `antValue` decodes an
 * ANT code to its integer (only for weightFeed 'ant-decode').
 */
export function weightOperand(kind: PeKind, code: number, zero: number, scaleFp16: number, antValue?: (code: number) => number): number {
  switch (kind.weightFeed) {
    case 'code-minus-zero':
      return code - zero;
    case 'fp16-dequant':
      return fp16ToNumber(fp16FromNumber((code - zero) * fp16ToNumber(scaleFp16)));
    case 'ant-decode':
      if (!antValue) throw new Error('ant-decode needs the ANT decoder');
      return antValue(code) - antValue(zero);
  }
}

/**
 * One MAC into the PE accumulator. `x` is the activation as stored: the INT8 code, or the FP16
 * encoding. FP kinds: the product is exact (at most 11 x 11 significand bits) and the FP32
 * accumulator rounds once per add.
 */
export function peMac(kind: PeKind, acc: number, w: number, x: number): number {
  if (kind.accumulator === 'int32') return (acc + Math.imul(w, x)) | 0;
  if (kind.id === 'mixpe-w4a16') return f32(acc + shiftAddProduct(w, x));
  return f32(acc + w * fp16ToNumber(x));
}

/**
 * Dequantization unit stages 1-2: the FP32 contribution u of one group partial P. `sw` and `sa` are
 * FP16 encodings (sa is ignored for FP16 activations; kinds without group dequant scale by 1).
 */
export function groupContribution(kind: PeKind, partial: number, sw: number, sa: number): number {
  if (!kind.groupDequant) return f32(f32(partial) * 1);
  const sp = kind.activation !== 'fp16' ? f32(fp16ToNumber(sw) * fp16ToNumber(sa)) : fp16ToNumber(sw);
  return f32(f32(partial) * sp);
}

/** Dequantization stage 3: the FP32 output accumulator add. */
export function accumulateOutput(y: number, u: number): number {
  return f32(y + u);
}
