/**
 * Reading the bit fields of a float64 without allocating: one module-level scratch buffer.
 * Every narrow-float encoder (fp16, bf16) starts from these two 32-bit words.
 */

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// Typed arrays use the platform byte order; find which word holds the sign and exponent.
scratch[0] = 1;
const HI = words[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** Splits `x` into the scratch words; read them with `doubleHi()` / `doubleLo()` right after. */
export function splitDouble(x: number): void {
  scratch[0] = x;
}

/** Sign (bit 31), 11 exponent bits (30..20) and the top 20 mantissa bits of the last split double. */
export function doubleHi(): number {
  return words[HI]!;
}

/** The low 32 mantissa bits of the last split double. */
export function doubleLo(): number {
  return words[LO]!;
}

/** Powers of two 2^-160 .. 2^160, exact, for scaling without Math.pow in hot paths. */
const POW2_BIAS = 160;
const POW2 = new Float64Array(2 * POW2_BIAS + 1);
for (let k = -POW2_BIAS; k <= POW2_BIAS; k++) POW2[k + POW2_BIAS] = 2 ** k;

/** 2^k for integer k in [-160, 160] (exact); outside that range falls back to `2 ** k`. */
export function pow2(k: number): number {
  const i = k + POW2_BIAS;
  return i >= 0 && i <= 2 * POW2_BIAS ? POW2[i]! : 2 ** k;
}

/**
 * Rounds a non-negative double below 2^52 to the nearest integer, ties to even: adding 2^52 leaves
 * a unit in the last place of 1, so the IEEE addition itself does the rounding.
 */
export function roundHalfEvenSmall(q: number): number {
  return q + 4503599627370496 - 4503599627370496;
}
