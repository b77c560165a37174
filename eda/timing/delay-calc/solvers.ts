import type { Sample } from './ramp-response.ts';

/** Small numerical solvers for the driver-model fit. */

/** A function of time sampled with its slope (the driver and load waveforms). */
export interface Waveform {
  at(t: number): Sample;
}

/**
 * Solves a small dense system in place by Gaussian elimination with partial pivoting: `m` holds n
 * rows of `stride` numbers, the n coefficients then the right-hand side. The solution goes to
 * `out`; false when the system is singular.
 */
export function solveSmall(m: Float64Array, n: number, stride: number, out: Float64Array): boolean {
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * stride + col]!) > Math.abs(m[piv * stride + col]!)) piv = r;
    const p = m[piv * stride + col]!;
    if (p === 0 || !Number.isFinite(p)) return false;
    if (piv !== col) {
      for (let c = 0; c <= n; c++) {
        const t = m[col * stride + c]!;
        m[col * stride + c] = m[piv * stride + c]!;
        m[piv * stride + c] = t;
      }
    }
    for (let r = col + 1; r < n; r++) {
      const f = m[r * stride + col]! / m[col * stride + col]!;
      for (let c = col; c <= n; c++) m[r * stride + c] = m[r * stride + c]! - f * m[col * stride + c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r * stride + n]!;
    for (let c = r + 1; c < n; c++) s -= m[r * stride + c]! * out[c]!;
    out[r] = s / m[r * stride + r]!;
  }
  return true;
}

/**
 * A root of f(t) = target in [lo, hi] by Newton steps, bisecting when a step would leave the
 * bracket or not shrink fast enough (Numerical Recipes' rtsafe). Converged when a step is within
 * relTol of the root: OpenSTA's DMP calculator measures waveform crossings this way with a loose
 * 1% tolerance, so the same search lands on the same times. Undefined when [lo, hi] does not
 * bracket a crossing or maxIter steps do not converge.
 */
export function findCrossing(f: Waveform, target: number, lo: number, hi: number, relTol: number, maxIter: number): number | undefined {
  const t = crossingIn(f, target, bracketOf(f, lo, hi), relTol, maxIter);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * The samples every crossing search over one interval starts from: both ends and the midpoint
 * (the first step bisects). Searches for several thresholds on one waveform share them.
 */
export interface Bracket {
  lo: number;
  hi: number;
  vlo: number;
  vhi: number;
  vmid: number;
  dvmid: number;
}

/** Samples `f` at the ends and the middle of [lo, hi], into `out` (a fresh bracket by default). */
export function bracketOf(f: Waveform, lo: number, hi: number, out: Bracket = { lo: 0, hi: 0, vlo: 0, vhi: 0, vmid: 0, dvmid: 0 }): Bracket {
  out.lo = lo;
  out.hi = hi;
  out.vlo = f.at(lo).v;
  out.vhi = f.at(hi).v;
  const mid = f.at(0.5 * (lo + hi));
  out.vmid = mid.v;
  out.dvmid = mid.dv;
  return out;
}

/**
 * findCrossing from a bracket's samples (the same steps, the same root); NaN instead of undefined
 * when there is none (a root is never NaN), so that the hot path returns a plain double.
 */
export function crossingIn(f: Waveform, target: number, b: Bracket, relTol: number, maxIter: number): number {
  const { lo, hi } = b;
  const ylo = b.vlo - target;
  const yhi = b.vhi - target;
  if ((ylo > 0 && yhi > 0) || (ylo < 0 && yhi < 0)) return NaN;
  if (ylo === 0) return lo;
  if (yhi === 0) return hi;
  // x1 is the side where f < target.
  let x1 = ylo < 0 ? lo : hi;
  let x2 = ylo < 0 ? hi : lo;
  let root = 0.5 * (x1 + x2);
  let dxPrev = Math.abs(x2 - x1);
  let dx = dxPrev;
  let y = b.vmid - target;
  let dy = b.dvmid;
  for (let i = 0; i < maxIter; i++) {
    const outside = ((root - x2) * dy - y) * ((root - x1) * dy - y) > 0;
    if (outside || Math.abs(2 * y) > Math.abs(dxPrev * dy)) {
      dxPrev = dx;
      dx = 0.5 * (x2 - x1);
      root = x1 + dx;
    } else {
      dxPrev = dx;
      dx = y / dy;
      root -= dx;
    }
    if (Math.abs(dx) <= relTol * Math.abs(root)) return root;
    const s = f.at(root);
    y = s.v - target;
    dy = s.dv;
    if (y < 0) x1 = root;
    else x2 = root;
  }
  return NaN;
}
