/**
 * Randomized smoothing by masking: each position i of the input is replaced by a mask with its own
 * probability q_i, independently. For two inputs differing at a set R of positions, the masked
 * copies coincide whenever every position of R is masked (probability prod_{i in R} q_i), so the
 * probability of any class moves by at most 1 - prod_{i in R} q_i. With a lower bound pA on the top
 * class's probability, the smoothed prediction is certified against every change of r positions
 * (Hamming radius r) when pA - (1 - product of the r smallest q_i) > 1/2. Uniform q is RanMASK-like
 * masking with independent positions; FRS raises q_i where fuzzing found the prediction sensitive.
 */
import { clopperPearsonLower } from './clopper-pearson.ts';

/** The largest certified Hamming radius for a lower bound pA (-1: abstain, pA <= 1/2). */
export function certifiedRadius(pA: number, q: readonly number[]): number {
  if (pA <= 0.5) return -1;
  const sorted = [...q].sort((a, b) => a - b);
  let keep = 1, r = 0;
  for (const qi of sorted) {
    keep *= qi;
    if (pA - (1 - keep) > 0.5) r++; else break;
  }
  return r;
}

export interface MaskedSampler<T> {
  readonly mask: T;
  /** Uniform [0, 1) stream. */
  readonly random: () => number;
}

/** One masked copy of `tokens`. */
export function maskedCopy<T>(tokens: readonly T[], q: readonly number[], s: MaskedSampler<T>): T[] {
  return tokens.map((t, i) => (s.random() < q[i] ? s.mask : t));
}

export interface Certificate {
  /** The smoothed prediction (-1 when abstaining). */
  readonly prediction: number;
  readonly pALower: number;
  /** Certified Hamming radius (-1 when abstaining). */
  readonly radius: number;
}

/**
 * Monte Carlo certification (Cohen et al.): `n0` masked copies pick the top class, `n` more bound
 * its probability below by Clopper-Pearson at level alpha. `classify` labels a batch of copies.
 */
export function certify<T>(tokens: readonly T[], q: readonly number[], classify: (copies: T[][]) => number[], classes: number, n0: number, n: number, alpha: number, s: MaskedSampler<T>): Certificate {
  const counts = (m: number) => {
    const c = new Array<number>(classes).fill(0);
    for (const y of classify(Array.from({ length: m }, () => maskedCopy(tokens, q, s)))) c[y]++;
    return c;
  };
  const first = counts(n0);
  const top = first.indexOf(Math.max(...first));
  const pALower = clopperPearsonLower(counts(n)[top], n, alpha);
  const radius = certifiedRadius(pALower, q);
  return { prediction: radius < 0 ? -1 : top, pALower, radius };
}
