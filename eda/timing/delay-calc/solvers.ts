import type { Sample } from './ramp-response.ts';

/** Small numerical solvers for the driver-model fit. */

/** Solves a x = b for a small dense system by Gaussian elimination with partial pivoting; undefined when singular. */
export function solveLinear(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[piv]![col]!)) piv = r;
    if (m[piv]![col] === 0 || !Number.isFinite(m[piv]![col]!)) return undefined;
    [m[col], m[piv]] = [m[piv]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Newton-Raphson on a small system: `evaluate(x)` gives the residuals and the Jacobian (or
 * undefined when x left the valid domain). Stops when every step is below relTol of its
 * parameter; undefined when it does not converge within maxIter.
 */
export function newtonSystem(x: number[], relTol: number, maxIter: number, evaluate: (x: number[]) => { f: number[]; jac: number[][] } | undefined): number[] | undefined {
  for (let k = 0; k < maxIter; k++) {
    const e = evaluate(x);
    if (!e) return undefined;
    const step = solveLinear(e.jac, e.f.map((v) => -v));
    if (!step) return undefined;
    let small = true;
    step.forEach((s, i) => {
      if (!(Math.abs(s) <= Math.abs(x[i]!) * relTol)) small = false;
      x[i]! += s;
    });
    if (small) return x;
  }
  return undefined;
}

/**
 * A root of f(t) = target in [lo, hi] by Newton steps, bisecting when a step would leave the
 * bracket or not shrink fast enough (Numerical Recipes' rtsafe). Converged when a step is within
 * relTol of the root: OpenSTA's DMP calculator measures waveform crossings this way with a loose
 * 1% tolerance, so the same search lands on the same times. Undefined when [lo, hi] does not
 * bracket a crossing or maxIter steps do not converge.
 */
export function findCrossing(f: (t: number) => Sample, target: number, lo: number, hi: number, relTol: number, maxIter: number): number | undefined {
  const ylo = f(lo).v - target;
  const yhi = f(hi).v - target;
  if ((ylo > 0 && yhi > 0) || (ylo < 0 && yhi < 0)) return undefined;
  if (ylo === 0) return lo;
  if (yhi === 0) return hi;
  // x1 is the side where f < target.
  let [x1, x2] = ylo < 0 ? [lo, hi] : [hi, lo];
  let root = 0.5 * (x1 + x2);
  let dxPrev = Math.abs(x2 - x1);
  let dx = dxPrev;
  let s = f(root);
  let y = s.v - target;
  let dy = s.dv;
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
    s = f(root);
    y = s.v - target;
    dy = s.dv;
    if (y < 0) x1 = root;
    else x2 = root;
  }
  return undefined;
}
