/**
 * FP32 (IEEE binary32) as the accumulators of the FP datapaths use it: values are JS numbers that
 * hold exactly a float32 (`f32 = Math.fround`).
 *
 * Why rounding a double result with `Math.fround` is the correctly rounded float32 result:
 * - products: two 24-bit significands give at most 48 bits, and exponents stay >= 2^-298, far
 *   above the double subnormal range, so `a * b` is exact in double and `fround` rounds it once;
 * - sums and differences: the double sum may itself be rounded, but rounding to 53 bits and then to
 *   24 bits equals one direct rounding whenever 53 >= 2 * 24 + 2 (Figueroa 1995, "When is double
 *   rounding innocuous?"). A sum that lands in the subnormal range is exact in both formats, since
 *   both operands are multiples of 2^-149.
 * Fused multiply-add is NOT offered this way: a*b+c in double is a rounding of a 48-bit product plus
 * an addend, for which the theorem does not hold.
 */
/** Rounds a double to the nearest float32 (RNE, overflow to infinity). */
export const f32: (x: number) => number = Math.fround;

export function fp32Add(a: number, b: number): number {
  return Math.fround(a + b);
}

export function fp32Sub(a: number, b: number): number {
  return Math.fround(a - b);
}

export function fp32Mul(a: number, b: number): number {
  return Math.fround(a * b);
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** The 32-bit IEEE encoding of `f32(x)` as an unsigned integer (for Verilog vectors and dumps). */
export function fp32ToBits(x: number): number {
  f32Scratch[0] = x;
  return u32Scratch[0]!;
}

/** The float32 value whose encoding is `bits` (a NaN comes back as JS NaN). */
export function fp32FromBits(bits: number): number {
  u32Scratch[0] = bits;
  return f32Scratch[0]!;
}

/** True when `x` is exactly representable as a float32 (NaN counts as representable). */
export function isFloat32(x: number): boolean {
  return Math.fround(x) === x || x !== x;
}

