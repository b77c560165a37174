/**
 * Waveforms of a driver ramp filtered by a linear RC load, in closed form. The transfer function
 * from the driver's source voltage to a node is H(s) = (1 + s/z) / prod(1 + s/p_i) (unit DC gain,
 * real distinct poles p_i > 0, an optional zero z > 0). Its response to a unit-slope ramp is
 * r(t) = t + c + sum_i k_i exp(-p_i t), and a saturating ramp of duration dt starting at t0 gives
 * v(t) = (r(t - t0) - r(t - t0 - dt)) / dt, rising from 0 to 1.
 */
export interface RampResponse {
  readonly c: number;
  readonly k: ArrayLike<number>;
  readonly p: ArrayLike<number>;
}

/** A response whose numbers are overwritten in place (a scratch for waveforms measured once). */
export interface MutableRampResponse extends RampResponse {
  c: number;
  readonly k: Float64Array;
  readonly p: Float64Array;
}

export function scratchResponse(poles: number): MutableRampResponse {
  return { c: 0, k: new Float64Array(poles), p: new Float64Array(poles) };
}

/**
 * The ramp response for these poles and zero: into `out` when given (its arrays as long as
 * `poles`), else a fresh one.
 */
export function rampResponse(poles: ArrayLike<number>, zero?: number, out?: MutableRampResponse): RampResponse {
  const n = poles.length;
  // Distinct poles are assumed; nudge exact repeats (e.g. a load pole equal to a driver pole).
  const p = out ? out.p : new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = poles[i]!;
    let repeat = false;
    for (let j = 0; j < i; j++) if (poles[j] === x) repeat = true;
    p[i] = repeat ? x * (1 + 1e-9 * (i + 1)) : x;
  }
  const invZ = zero === undefined ? 0 : 1 / zero;
  let c = invZ;
  for (let i = 0; i < n; i++) c -= 1 / p[i]!;
  const k = out ? out.k : new Array<number>(n);
  for (let j = 0; j < n; j++) {
    // Residue of H(s)/s^2 at s = -pj.
    const pj = p[j]!;
    let r = (1 - pj * invZ) / (pj * pj);
    for (let i = 0; i < n; i++) r *= i === j ? p[i]! : p[i]! / (p[i]! - pj);
    k[j] = r;
  }
  if (!out) return { c, k, p };
  out.c = c;
  return out;
}

/** Value and slope of a waveform at one time; reused to keep the hot root searches allocation-free. */
export interface Sample {
  v: number;
  dv: number;
}

/** Adds scale * (r(t), r'(t)) of a unit ramp response to `out` (nothing for t <= 0). */
function addUnitRamp(r: RampResponse, t: number, scale: number, out: Sample): void {
  if (t <= 0) return;
  let v = t + r.c;
  let dv = 1;
  for (let i = 0; i < r.p.length; i++) {
    const e = Math.exp(-r.p[i]! * t);
    v += r.k[i]! * e;
    dv -= r.k[i]! * r.p[i]! * e;
  }
  out.v += scale * v;
  out.dv += scale * dv;
}

/** v(t) and v'(t) for the saturating ramp (t0, dt), written into `out`. */
export function saturatedRamp(r: RampResponse, t0: number, dt: number, t: number, out: Sample): Sample {
  out.v = 0;
  out.dv = 0;
  addUnitRamp(r, t - t0, 1 / dt, out);
  addUnitRamp(r, t - t0 - dt, -1 / dt, out);
  return out;
}

/** Integral over [0, t] of (t - r(t)): the charge a unit ramp pushed through the load, times the driver resistance. */
export function rampCharge(r: RampResponse, t: number): number {
  let q = -r.c * t;
  for (let i = 0; i < r.p.length; i++) q -= (r.k[i]! / r.p[i]!) * (1 - Math.exp(-r.p[i]! * t));
  return q;
}
