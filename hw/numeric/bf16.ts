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
import { makeNarrowFloatOps } from './narrow-float.ts';

const BF16 = makeNarrowFloatOps({ expBits: 8, mantBits: 7 });

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

/** The BF16 encoding nearest to `x` (RNE), subnormals kept, overflow to infinity, NaN to `BF16_NAN`. */
export const bf16FromNumber: (x: number) => number = BF16.fromNumber;
/** The exact value of a BF16 encoding (one table load; `h` must be an integer in 0..65535). */
export const bf16ToNumber: (h: number) => number = BF16.toNumber;
/** a + b, correctly rounded. */
export const bf16Add: (a: number, b: number) => number = BF16.add;
/** a - b, correctly rounded. */
export const bf16Sub: (a: number, b: number) => number = BF16.sub;
/** a * b, correctly rounded. */
export const bf16Mul: (a: number, b: number) => number = BF16.mul;
/** Sign flip (a bit operation). */
export const bf16Neg: (h: number) => number = BF16.neg;
export const bf16IsNaN: (h: number) => boolean = BF16.isNaN;
/** -1, 0 or 1 by value (+0 equals -0); NaN when either side is NaN. */
export const bf16Compare: (a: number, b: number) => number = BF16.compare;
