/**
 * Randomized smoothing by masking: each position i of the input is replaced by a mask with its own
 * probability q_i, independently. For two inputs differing at a set R of positions, the masked
 * copies coincide whenever every position of R is masked (probability prod_{i in R} q_i), so the
 * probability of any class moves by at most 1 - prod_{i in R} q_i. With a lower bound pA on the top
 * class's probability, the smoothed prediction is certified against every change of r positions
 * (Hamming radius r) when pA - (1 - product of the r smallest q_i) > 1/2. Uniform q is RanMASK-like
 * masking with independent positions; FRS raises q_i where fuzzing found the prediction sensitive.
 *
 * A masked word is dropped, so masking is also randomized deletion (RS-Del), which certifies edit
 * distance (`certifiedEditRadius`). Random edits (`randomEditCopy`: an edited word is dropped or
 * replaced by a random word, half and half) erase the original word just as masking does, so the
 * same Hamming bound holds for them; their deletion probability is q_i / 2.
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

/**
 * The largest certified edit radius (insertions, deletions and substitutions of words; a swap of
 * neighbours counts as two) under randomized deletion with probabilities `del` (word i of x is
 * deleted with probability del[i]; an inserted word with `insertDel`), as in RS-Del. For x' at
 * edit distance r, let z be a common subsequence: x minus a set D, x' minus a set I (a substitution
 * puts its word in both). Given that all of D is deleted, a copy of x is a copy of z, so
 * P_x(A) <= prod_D del * mu_A(z) + 1 - prod_D del for any set A of outcomes, i.e.
 * mu_y(z) >= (pA - 1 + prod_D del) / prod_D del; likewise mu_y(x') >= prod_I del' * mu_y(z). The
 * worst r edits are r substitutions at the words of smallest del (fewer deletions in D raise the
 * bound, inserted words at the smallest rate lower it most): certified while
 * insertDel^r * (pA - 1 + P_r) / P_r > 1/2, P_r the product of the r smallest del; for uniform
 * rates p that is pA - 1 + p^r > 1/2, the Hamming bound. A classifier that says the top class on
 * every copy of x that no copy of x' can equal attains it (the tests check both). At most the
 * sentence's length; -1: abstain.
 */
export function certifiedEditRadius(pA: number, del: readonly number[], insertDel: number): number {
  if (pA <= 0.5) return -1;
  const sorted = [...del].sort((a, b) => a - b);
  let keep = 1, ins = 1, r = 0;
  for (const d of sorted) {
    keep *= d;
    ins *= insertDel;
    if ((ins * (pA - 1 + keep)) / keep > 0.5) r++; else break;
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

/** One random-edit copy: word i is edited with probability q[i], an edit dropping it (`mask`) or putting `substitutes[k]` (k uniform) in its place, half and half. */
export function randomEditCopy<T>(tokens: readonly T[], q: readonly number[], s: MaskedSampler<T>, substitutes: readonly T[]): T[] {
  return tokens.map((t, i) => (s.random() < q[i] ? (s.random() < 0.5 ? s.mask : substitutes[Math.min(substitutes.length - 1, Math.floor(s.random() * substitutes.length))]) : t));
}

export interface Certificate {
  /**
   * The smoothed classifier's prediction: the class most of the `n` counted copies get (ties: the
   * lower class), never abstaining; its Monte Carlo estimate of argmax_c P(f(copy) = c).
   */
  readonly vote: number;
  /** The certified prediction (-1 when abstaining: the lower bound on the top class is at most 1/2). */
  readonly prediction: number;
  readonly pALower: number;
  /** Certified Hamming radius (-1 when abstaining). */
  readonly radius: number;
  /** Certified edit radius (insertions, deletions, substitutions; -1 when abstaining). */
  readonly editRadius: number;
}

/**
 * Monte Carlo certification (Cohen et al.): `n0` masked copies pick the top class, `n` more bound
 * its probability below by Clopper-Pearson at level alpha. `classify` labels a batch of copies.
 * A certified prediction is always the vote (a lower bound above 1/2 on the `n` copies is a majority of them).
 */
export function certify<T>(
  tokens: readonly T[], q: readonly number[], classify: (copies: T[][]) => number[], classes: number, n0: number, n: number, alpha: number, s: MaskedSampler<T>,
  substitutes?: readonly T[],
): Certificate {
  const copy = () => (substitutes ? randomEditCopy(tokens, q, s, substitutes) : maskedCopy(tokens, q, s));
  const counts = (m: number) => {
    const c = new Array<number>(classes).fill(0);
    for (const y of classify(Array.from({ length: m }, copy))) c[y]++;
    return c;
  };
  const first = counts(n0);
  const top = first.indexOf(Math.max(...first));
  const second = counts(n);
  const vote = second.indexOf(Math.max(...second));
  const pALower = clopperPearsonLower(second[top], n, alpha);
  const radius = certifiedRadius(pALower, q);
  // An inserted word gets the smallest rate of the sentence (conservative for FRS's targeted rates).
  const del = substitutes ? q.map((v) => v / 2) : q;
  const editRadius = certifiedEditRadius(pALower, del, Math.min(...del));
  return { vote, prediction: radius < 0 ? -1 : top, pALower, radius, editRadius };
}
