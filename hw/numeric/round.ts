/** Rounding of doubles to integers as the quantizers use it. */

/** Nearest integer, ties to even (2.5 -> 2, 3.5 -> 4, -2.5 -> -2), for any finite double. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // ties towards +infinity
  // r - x is exact for |x| < 2^52; above that every double is already an integer.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
