/** Exact power-of-two scaling and integer rounding of doubles, without allocation. */

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
