/**
 * LoRE-Merging's estimate of an implicit base and low-rank task vectors from fine-tuned models
 * alone (no access to their base): per weight tensor, minimise
 *     sum_i 1/2 ||theta0 + delta_i - theta_i||_F^2 + mu sum_i ||delta_i||_*
 * by coordinate descent from theta0 = mean(theta_i), delta_i = 0: theta0 = mean(theta_i - delta_i),
 * then delta_i = SVT(theta_i - theta0, mu). Each step is the exact minimiser over its block, so the
 * objective never increases. (The 1/2 makes SVT(., mu) the exact step; it only rescales mu. The
 * paper prints mu ||delta_i||_*^2 but updates by SVT with the fixed threshold mu, which is this.)
 * It runs until an iteration lowers the objective by less than `tolerance` of its value (0: all
 * `iterations`), at most `iterations` times.
 */
import { svt } from './svt.ts';

export interface LoreTensorResult {
  readonly base: Float64Array;
  readonly deltas: Float64Array[];
  /** The objective after each iteration. */
  readonly objective: number[];
}

/** One tensor (rows x cols, a vector as 1 x n) of every model; at most `iterations` rounds of coordinate descent. */
export function loreTensor(thetas: readonly ArrayLike<number>[], rows: number, cols: number, mu: number, iterations: number, tolerance = 0): LoreTensorResult {
  const n = rows * cols, k = thetas.length;
  const base = new Float64Array(n);
  for (const t of thetas) for (let j = 0; j < n; j++) base[j] += t[j] / k;
  let deltas: Float64Array[] = thetas.map(() => new Float64Array(n));
  const objective: number[] = [];
  for (let it = 0; it < iterations; it++) {
    base.fill(0);
    thetas.forEach((t, i) => { for (let j = 0; j < n; j++) base[j] += (t[j] - deltas[i][j]) / k; });
    let nuclear = 0;
    deltas = thetas.map((t) => {
      const r = svt(Float64Array.from({ length: n }, (_, j) => t[j] - base[j]), rows, cols, mu);
      nuclear += r.nuclearNorm;
      return r.value;
    });
    let fit = 0;
    thetas.forEach((t, i) => { for (let j = 0; j < n; j++) { const e = base[j] + deltas[i][j] - t[j]; fit += e * e; } });
    objective.push(fit / 2 + mu * nuclear);
    const n1 = objective.length;
    if (n1 > 1 && objective[n1 - 2] - objective[n1 - 1] < tolerance * objective[n1 - 2]) break;
  }
  return { base, deltas, objective };
}
