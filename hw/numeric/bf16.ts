/**
 * bfloat16 (BF16: 1 sign, 8 exponent, 7 mantissa bits — the top half of an FP32), bit-exact with
 * IEEE semantics: round to nearest even, gradual underflow to subnormals (not flushed), overflow to
 * infinity, canonical quiet NaN `BF16_NAN` (0x7FC0).
 *
 * Products of two BF16 values (16-bit significands, exponents >= 2^-266) are exact in float64.
 * Sums may not be (the exponent span can exceed 53 bits), but double rounding is innocuous here:
 * rounding first to 53 bits and then to p bits equals one direct rounding whenever 53 >= 2p + 2
 * (Figueroa, "When is double rounding innocuous?", 1995), and p = 8 for BF16.
 */
import { buildNarrowFloatTable, encodeNarrowFloat } from './narrow-float.ts';

export const BF16_NAN = 0x7fc0;
export const BF16_POS_INF = 0x7f80;
export const BF16_NEG_INF = 0xff80;
export const BF16_ONE = 0x3f80;
/** (2 - 2^-7) * 2^127, about 3.39e38. */
export const BF16_MAX = 0x7f7f;
/** 2^-126. */
export const BF16_MIN_NORMAL = 0x0080;
/** 2^-133. */
export const BF16_MIN_SUBNORMAL = 0x0001;

const BF16_VALUES = buildNarrowFloatTable({ expBits: 8, mantBits: 7 });

/** The BF16 encoding nearest to `x` (RNE), subnormals kept, overflow to infinity, NaN to `BF16_NAN`. */
export function bf16FromNumber(x: number): number {
  // mantissa bits 7, bias 127, sign 0x8000, +inf 0x7f80, NaN 0x7fc0, 2^133 smallest subnormals per unit.
  return encodeNarrowFloat(x, 7, 127, 0x8000, 0x7f80, 0x7fc0, 2 ** 133);
}

/** The exact value of a BF16 encoding (one table load; `h` must be an integer in 0..65535). */
export function bf16ToNumber(h: number): number {
  return BF16_VALUES[h]!;
}

/** a + b, correctly rounded. */
export function bf16Add(a: number, b: number): number {
  return bf16FromNumber(BF16_VALUES[a]! + BF16_VALUES[b]!);
}

/** a - b, correctly rounded. */
export function bf16Sub(a: number, b: number): number {
  return bf16FromNumber(BF16_VALUES[a]! - BF16_VALUES[b]!);
}

/** a * b, correctly rounded. */
export function bf16Mul(a: number, b: number): number {
  return bf16FromNumber(BF16_VALUES[a]! * BF16_VALUES[b]!);
}

/** Sign flip (a bit operation). */
export function bf16Neg(h: number): number {
  return h ^ 0x8000;
}

export function bf16IsNaN(h: number): boolean {
  return (h & 0x7fff) > 0x7f80;
}

/** -1, 0 or 1 by value (+0 equals -0); NaN when either side is NaN. */
export function bf16Compare(a: number, b: number): number {
  const x = BF16_VALUES[a]!;
  const y = BF16_VALUES[b]!;
  if (x < y) return -1;
  if (x > y) return 1;
  return x === y ? 0 : NaN;
}
