/**
 * Clopper-Pearson (exact binomial) bounds: the one-sided lower bound on p after k successes in n
 * trials at level alpha is the p with P(Bin(n, p) >= k) = alpha, i.e. the alpha quantile of
 * Beta(k, n - k + 1). Found by bisection on the binomial tail (log-space terms), to 1e-12.
 */
function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 relative for x > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(Bin(n, p) >= k). */
export function binomialTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lc = logGamma(n + 1);
  let s = 0;
  for (let i = k; i <= n; i++) s += Math.exp(lc - logGamma(i + 1) - logGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  return Math.min(1, s);
}

/** One-sided lower confidence bound on a binomial proportion (0 when k = 0). */
export function clopperPearsonLower(k: number, n: number, alpha: number): number {
  if (k <= 0) return 0;
  let lo = 0, hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (binomialTail(k, n, mid) < alpha) lo = mid; else hi = mid;
  }
  return lo;
}

/** One-sided upper bound (1 when k = n). */
export function clopperPearsonUpper(k: number, n: number, alpha: number): number {
  return 1 - clopperPearsonLower(n - k, n, alpha);
}
