/**
 * The merging baselines on one tensor's task vectors tau_i = theta_i - base (they need the base):
 * Task Arithmetic (base + lambda sum_i tau_i), TIES (trim each tau_i to its largest-magnitude
 * `density` share, elect each entry's sign by the sum of the trimmed vectors, average the entries
 * that agree with it; base + lambda times that), DARE (drop each entry with probability p, rescale
 * the rest by 1/(1-p); then Task Arithmetic). Trimming is per tensor, as mergekit does it.
 */
import { SeededRandom } from '../../common/index.ts';

export function taskArithmetic(taus: readonly ArrayLike<number>[], lambda: number): Float64Array {
  const out = new Float64Array(taus[0].length);
  for (const t of taus) for (let j = 0; j < out.length; j++) out[j] += lambda * t[j];
  return out;
}

/** tau with all but its ceil(density * n) largest-magnitude entries zeroed (ties at the threshold kept in index order). */
export function trim(tau: ArrayLike<number>, density: number): Float64Array {
  const n = tau.length, keep = Math.min(n, Math.ceil(density * n));
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => Math.abs(tau[b]) - Math.abs(tau[a]) || a - b);
  const out = new Float64Array(n);
  for (let r = 0; r < keep; r++) out[order[r]] = tau[order[r]];
  return out;
}

export function ties(taus: readonly ArrayLike<number>[], density: number, lambda: number): Float64Array {
  const trimmed = taus.map((t) => trim(t, density));
  const n = taus[0].length, out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let total = 0;
    for (const t of trimmed) total += t[j];
    const sign = Math.sign(total);
    if (sign === 0) continue;
    let sum = 0, count = 0;
    for (const t of trimmed) if (Math.sign(t[j]) === sign) { sum += t[j]; count++; }
    out[j] = (lambda * sum) / count;
  }
  return out;
}

/** Drop-and-rescale of one task vector with drop probability p (seeded). */
export function dareDrop(tau: ArrayLike<number>, p: number, seed: number): Float64Array {
  const r = new SeededRandom(seed);
  return Float64Array.from(tau, (v) => (r.next() < p ? 0 : v / (1 - p)));
}

export function dare(taus: readonly ArrayLike<number>[], p: number, lambda: number, seed: number): Float64Array {
  return taskArithmetic(taus.map((t, i) => dareDrop(t, p, seed + 7919 * i)), lambda);
}
