import type { PlaceProblem } from './model.ts';

/**
 * One dimension of the quadratic wirelength model with the bound-to-bound (B2B) net model of
 * Spindler et al. (Kraftwerk2): every pin of a net connects to the net's two extreme pins with
 * weight 2 / ((k - 1) * distance), so the quadratic cost equals the net's HPWL at the current
 * positions. Fixed pins go to the right-hand side; optional anchors pull cells towards targets
 * (SimPL's pseudo-nets). Solved by Jacobi-preconditioned conjugate gradients on an edge list.
 */
export interface QuadraticSystem {
  readonly diag: Float64Array;
  readonly rhs: Float64Array;
  readonly ei: number[];
  readonly ej: number[];
  readonly ew: number[];
}

export interface Anchors {
  readonly target: Float64Array;
  /** Weight scale: anchor weight = alpha / max(|x - target|, minDistance). */
  readonly alpha: number;
}

/**
 * Builds the B2B system for one dimension. `pos` holds every cell's lower-left coordinate in
 * that dimension; `offset(pin)` gives the pin offset; `variable[cell]` the unknown's index or -1.
 */
export function buildB2B(problem: PlaceProblem, pos: Float64Array, dim: 'x' | 'y', variable: Int32Array, unknowns: number, minDistance: number, anchors?: Anchors): QuadraticSystem {
  const diag = new Float64Array(unknowns);
  const rhs = new Float64Array(unknowns);
  const ei: number[] = [];
  const ej: number[] = [];
  const ew: number[] = [];
  const off = dim === 'x' ? (p: { dx: number }) => p.dx : (p: { dy: number }) => p.dy;
  const connect = (ca: number, oa: number, cb: number, ob: number, w: number) => {
    if (ca === cb) return;
    const va = variable[ca]!;
    const vb = variable[cb]!;
    if (va >= 0 && vb >= 0) {
      diag[va]! += w;
      diag[vb]! += w;
      rhs[va]! += w * (ob - oa);
      rhs[vb]! += w * (oa - ob);
      ei.push(va);
      ej.push(vb);
      ew.push(w);
    } else if (va >= 0) {
      diag[va]! += w;
      rhs[va]! += w * (pos[cb]! + ob - oa);
    } else if (vb >= 0) {
      diag[vb]! += w;
      rhs[vb]! += w * (pos[ca]! + oa - ob);
    }
  };
  for (const net of problem.nets) {
    const k = net.pins.length;
    if (k < 2) continue;
    let lo = 0;
    let hi = 0;
    const coord = net.pins.map((p) => pos[p.cell]! + off(p));
    for (let i = 1; i < k; i++) {
      if (coord[i]! < coord[lo]!) lo = i;
      if (coord[i]! > coord[hi]!) hi = i;
    }
    if (lo === hi) hi = lo === 0 ? 1 : 0;
    const base = 2 / (k - 1);
    const edge = (a: number, b: number) => {
      const pa = net.pins[a]!;
      const pb = net.pins[b]!;
      connect(pa.cell, off(pa), pb.cell, off(pb), base / Math.max(Math.abs(coord[a]! - coord[b]!), minDistance));
    };
    edge(lo, hi);
    for (let i = 0; i < k; i++) {
      if (i === lo || i === hi) continue;
      edge(i, lo);
      edge(i, hi);
    }
  }
  if (anchors) {
    for (let c = 0; c < variable.length; c++) {
      const v = variable[c]!;
      if (v < 0) continue;
      const w = anchors.alpha / Math.max(Math.abs(pos[c]! - anchors.target[c]!), minDistance);
      diag[v]! += w;
      rhs[v]! += w * anchors.target[c]!;
    }
  }
  // Cells on no net keep their place: a weak spring to where they are.
  let mean = 0;
  for (let v = 0; v < unknowns; v++) mean += diag[v]!;
  const spring = (1e-6 * mean) / Math.max(1, unknowns) || 1e-9;
  for (let c = 0; c < variable.length; c++) {
    const v = variable[c]!;
    if (v < 0) continue;
    diag[v]! += spring;
    rhs[v]! += spring * pos[c]!;
  }
  return { diag, rhs, ei, ej, ew };
}

/** Solves the system from the start vector `x` (updated in place) to a relative residual `tolerance`. */
export function solveConjugateGradient(s: QuadraticSystem, x: Float64Array, tolerance = 1e-6, maxIterations = 400): number {
  const n = x.length;
  const m = s.ei.length;
  const ei = Int32Array.from(s.ei);
  const ej = Int32Array.from(s.ej);
  const ew = Float64Array.from(s.ew);
  const multiply = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) out[i] = s.diag[i]! * v[i]!;
    for (let e = 0; e < m; e++) {
      const a = ei[e]!;
      const b = ej[e]!;
      const w = ew[e]!;
      out[a]! -= w * v[b]!;
      out[b]! -= w * v[a]!;
    }
  };
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  multiply(x, q);
  let bNorm = 0;
  for (let i = 0; i < n; i++) {
    r[i] = s.rhs[i]! - q[i]!;
    bNorm += s.rhs[i]! * s.rhs[i]!;
  }
  bNorm = Math.sqrt(bNorm) || 1;
  let rz = 0;
  for (let i = 0; i < n; i++) {
    z[i] = r[i]! / s.diag[i]!;
    p[i] = z[i]!;
    rz += r[i]! * z[i]!;
  }
  let it = 0;
  for (; it < maxIterations; it++) {
    let rNorm = 0;
    for (let i = 0; i < n; i++) rNorm += r[i]! * r[i]!;
    if (Math.sqrt(rNorm) / bNorm < tolerance) break;
    multiply(p, q);
    let pq = 0;
    for (let i = 0; i < n; i++) pq += p[i]! * q[i]!;
    if (pq <= 0) break;
    const alpha = rz / pq;
    let rzNew = 0;
    for (let i = 0; i < n; i++) {
      x[i]! += alpha * p[i]!;
      r[i]! -= alpha * q[i]!;
      z[i] = r[i]! / s.diag[i]!;
      rzNew += r[i]! * z[i]!;
    }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  return it;
}
