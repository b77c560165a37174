/**
 * IEEE 754 binary16 (FP16: 1 sign, 5 exponent, 10 mantissa bits), bit-exact.
 *
 * Values are uint16 encodings held in JS numbers. Arithmetic is correctly rounded (round to
 * nearest, ties to even), like a hardware binary16 unit: the exact sum, difference or product of
 * two FP16 values is always representable in float64 (an FP16 value is an 11-bit integer times
 * 2^e with e in [-24, 5]; a sum spans at most 2^17 .. 2^-24 = 41 bits, a product has a 22-bit
 * significand), so computing in double and rounding once with `fp16FromNumber` is exact-then-RNE.
 *
 * NaN results are the canonical quiet NaN `FP16_NAN` (0x7E00); input NaN payloads are not
 * propagated (the common choice of hardware units that do not trap).
 */
import { pow2 } from './double-bits.ts';
import { buildNarrowFloatTable, encodeNarrowFloat } from './narrow-float.ts';

export const FP16_NAN = 0x7e00;
export const FP16_POS_INF = 0x7c00;
export const FP16_NEG_INF = 0xfc00;
export const FP16_POS_ZERO = 0x0000;
export const FP16_NEG_ZERO = 0x8000;
export const FP16_ONE = 0x3c00;
/** 65504. */
export const FP16_MAX = 0x7bff;
/** 2^-14. */
export const FP16_MIN_NORMAL = 0x0400;
/** 2^-24. */
export const FP16_MIN_SUBNORMAL = 0x0001;

const FP16_VALUES = buildNarrowFloatTable({ expBits: 5, mantBits: 10 });

/** The FP16 encoding nearest to `x` (RNE), subnormals kept, |x| >= 65520 to infinity, NaN to `FP16_NAN`. */
export function fp16FromNumber(x: number): number {
  // mantissa bits 10, bias 15, sign 0x8000, +inf 0x7c00, NaN 0x7e00, 2^24 smallest subnormals per unit.
  return encodeNarrowFloat(x, 10, 15, 0x8000, 0x7c00, 0x7e00, 16777216);
}

/** The exact value of an FP16 encoding (one table load; `h` must be an integer in 0..65535). */
export function fp16ToNumber(h: number): number {
  return FP16_VALUES[h]!;
}

/** a + b, correctly rounded. */
export function fp16Add(a: number, b: number): number {
  return fp16FromNumber(FP16_VALUES[a]! + FP16_VALUES[b]!);
}

/** a - b, correctly rounded. */
export function fp16Sub(a: number, b: number): number {
  return fp16FromNumber(FP16_VALUES[a]! - FP16_VALUES[b]!);
}

/** a * b, correctly rounded. */
export function fp16Mul(a: number, b: number): number {
  return fp16FromNumber(FP16_VALUES[a]! * FP16_VALUES[b]!);
}

/** Sign flip (a bit operation, as IEEE `negate`: applies to NaN and zero too). */
export function fp16Neg(h: number): number {
  return h ^ 0x8000;
}

export function fp16IsNaN(h: number): boolean {
  return (h & 0x7fff) > 0x7c00;
}

/** -1, 0 or 1 by value (so +0 equals -0); NaN when either side is NaN (unordered). */
export function fp16Compare(a: number, b: number): number {
  const x = FP16_VALUES[a]!;
  const y = FP16_VALUES[b]!;
  if (x < y) return -1;
  if (x > y) return 1;
  return x === y ? 0 : NaN;
}

export function fp16Abs(h: number): number {
  return h & 0x7fff;
}

export function fp16IsInfinite(h: number): boolean {
  return (h & 0x7fff) === 0x7c00;
}

/** Neither infinite nor NaN. */
export function fp16IsFinite(h: number): boolean {
  return (h & 0x7c00) !== 0x7c00;
}

/**
 * `h * 2^k`, correctly rounded: the exponent addition the MixPE W4A16 PE uses to shift an FP16
 * activation by a weight bit's position. Exact while the result stays normal; rounds (RNE) when it
 * drops into the subnormals, overflows to infinity, and keeps zeros, infinities and NaN as they are.
 */
export function fp16Ldexp(h: number, k: number): number {
  // Beyond +-80 every finite nonzero FP16 value has already overflowed or rounded to zero.
  const shift = k > 80 ? 80 : k < -80 ? -80 : k;
  return fp16FromNumber(fp16ToNumber(h) * pow2(shift));
}

/** The next encoding towards +infinity (`FP16_POS_INF` stays; NaN stays NaN; -0 and +0 go to 2^-24). */
export function fp16NextUp(h: number): number {
  if (fp16IsNaN(h) || h === FP16_POS_INF) return h;
  if (h === FP16_NEG_ZERO || h === FP16_POS_ZERO) return FP16_MIN_SUBNORMAL;
  return h & 0x8000 ? h - 1 : h + 1;
}

/** The smallest FP16 value >= `x` (rounding towards +infinity): for scales that must not shrink. */
export function fp16FromNumberUp(x: number): number {
  const h = fp16FromNumber(x);
  return fp16ToNumber(h) < x ? fp16NextUp(h) : h;
}
