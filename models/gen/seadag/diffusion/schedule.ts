/**
 * The discrete diffusion (D3PM with marginal transitions, as DiGress) and SeaDAG's layer-wise
 * schedule. Every level of the canvas has its own local timestep tau = T(s, level): the global
 * step s runs from S = T + (L - 1) * lag down to 0 and level l (1..L, L the output level) sits at
 * tau_l(s) = clamp(s - (L - l) * lag, 0, T), so level 1 starts denoising first and each level
 * above starts `lag` steps later: lower levels are clean before the ones that read them
 * (semi-autoregressive). lag = 0 is plain diffusion with one timestep for the whole graph (the
 * uniform-timestep ablation); lag = T is fully autoregressive level by level.
 */
export interface Schedule {
  /** Denoising steps of one level, T. */
  readonly steps: number;
  /** Global steps between the start of consecutive levels (0: uniform timesteps). */
  readonly lag: number;
}

/** Global steps S for a canvas with `levels` levels (internal levels + the output level). */
export function globalSteps(s: Schedule, levels: number): number {
  return s.steps + (levels - 1) * s.lag;
}

/** tau_l(s) for level `level` (1-based; the output level is `levels`). */
export function localStep(s: Schedule, step: number, level: number, levels: number): number {
  return Math.min(s.steps, Math.max(0, step - (levels - level) * s.lag));
}

/** The fraction of the clean signal kept at local step tau (cosine schedule): 1 at 0, 0 at T. */
export function alphaBar(s: Schedule, tau: number): number {
  if (tau <= 0) return 1;
  if (tau >= s.steps) return 0;
  const f = (t: number) => Math.cos(((t / s.steps + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
  return f(tau) / f(0);
}

/** q(x_tau | x_0): keep x_0 with weight alphaBar, else draw from the marginal `m`. Returns the class drawn. */
export function noiseClass(x0: number, ab: number, m: readonly number[], u: number): number {
  // u is uniform in [0, 1): the first ab of it keeps x0, the rest picks from m in proportion.
  if (u < ab) return x0;
  let r = (u - ab) / (1 - ab);
  for (let k = 0; k < m.length; k++) {
    r -= m[k];
    if (r < 0) return k;
  }
  return m.length - 1;
}

/**
 * p(x_{tau-1} | x_tau) = sum over x0 of p(x0 | x_tau) q(x_{tau-1} | x_tau, x0), with
 * q(x_tau | x_{tau-1}) = a I + (1 - a) 1 m^T, a = alphaBar(tau) / alphaBar(tau - 1), and
 * q(x_{tau-1} | x0) = ab' onehot(x0) + (1 - ab') m, ab' = alphaBar(tau - 1). `pred` is p(x0 | x_tau).
 */
export function posterior(s: Schedule, tau: number, xt: number, pred: ArrayLike<number>, m: readonly number[]): number[] {
  const K = m.length;
  const abPrev = alphaBar(s, tau - 1);
  const abNow = alphaBar(s, tau);
  const a = abPrev > 0 ? abNow / abPrev : 0;
  const out = new Array<number>(K).fill(0);
  const step = new Array<number>(K);
  for (let x0 = 0; x0 < K; x0++) {
    if (pred[x0] <= 0) continue;
    let z = 0;
    for (let i = 0; i < K; i++) {
      const prior = abPrev * (i === x0 ? 1 : 0) + (1 - abPrev) * m[i];
      const like = a * (i === xt ? 1 : 0) + (1 - a) * m[xt];
      step[i] = prior * like;
      z += step[i];
    }
    if (z <= 0) continue;
    for (let i = 0; i < K; i++) out[i] += (pred[x0] * step[i]) / z;
  }
  const total = out.reduce((x, y) => x + y, 0);
  return total > 0 ? out.map((x) => x / total) : Array.from(pred, (x) => x);
}
