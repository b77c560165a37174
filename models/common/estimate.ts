/** The mean of a sample with its standard error: what paired comparisons of per-example results report. */

export interface Estimate {
  readonly value: number;
  readonly standardError: number;
}

/** Mean of xs and its standard error (sample SD, n - 1, over sqrt(n); 0 for a single value). */
export function meanEstimate(xs: ArrayLike<number>): Estimate {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - m) ** 2;
  return { value: m, standardError: n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0 };
}
