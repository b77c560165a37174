import { bracketOf, crossingIn, solveSmall, type Bracket, type Waveform } from './solvers.ts';
import { rampCharge, rampResponse, saturatedRamp, scratchResponse, type RampResponse, type Sample } from './ramp-response.ts';

/**
 * The Dartu-Menezes-Pileggi driver model (IEEE TCAD 15(5), 1996), as OpenSTA's default delay
 * calculator (dmp_ceff_elmore, the 2019 version Debian ships) applies it: the driving cell is a
 * saturating voltage ramp (start t0, duration dt) behind a resistance Rd. t0, dt and the
 * effective capacitance Ceff are fitted so that the ramp into Ceff crosses the output threshold
 * and the lower slew threshold when the NLDM tables say (at Ceff), and Ceff draws the same average
 * current as the pi load over the ramp. The gate delay is the table delay at Ceff; the output slew
 * and the wire delay and slew to each load are measured on the ramp filtered by the pi load (and,
 * to a load, by one more pole at its Elmore delay).
 *
 * This runs for every arc on every resistive net, early and late, so it is written without
 * closures or per-step allocations (module-level scratch; JavaScript runs it on one thread).
 */
export interface Thresholds {
  /** Output delay threshold and slew thresholds, fractions of the swing. */
  readonly vth: number;
  readonly vl: number;
  readonly vh: number;
  /** slew_derate_from_library: table slew x derate = measured vl..vh time. */
  readonly slewDerate: number;
}

/** A pi load: near capacitance, series resistance, far capacitance (farads, ohms). */
export interface PiLoad {
  readonly near: number;
  readonly r: number;
  readonly far: number;
}

export interface WireResult {
  readonly delay: number;
  readonly slew: number;
}

export interface DriverResult {
  readonly delay: number;
  readonly slew: number;
  readonly ceff: number;
  /** Wire delay and load slew (table units) to a load with this Elmore delay (read it at once: it may be reused). */
  wire(elmore: number): WireResult;
}

/** The NLDM delay and (table) slew of the arc at a load capacitance. */
export type GateTable = (cap: number) => { delay: number; slew: number };

/** A gate arc's tables at one input slew: `at(cap)` sets `delay` and `slew` (no allocation per lookup). */
export interface GateTableEval {
  delay: number;
  slew: number;
  at(cap: number): void;
}

class FunctionTable implements GateTableEval {
  delay = 0;
  slew = 0;
  constructor(private readonly fn: GateTable) {}
  at(cap: number): void {
    const g = this.fn(cap);
    this.delay = g.delay;
    this.slew = g.slew;
  }
}

/** OpenSTA's tolerances: driver parameters to 1%, waveform crossing times to 1%, 20 root steps. */
const PARAM_TOL = 0.01;
const TIME_TOL = 0.01;
const ROOT_ITER = 20;
const NEWTON_ITER = 100;

/** Drive resistance: the table's delay slope between 75% and 82.5% of the total load. */
function driveResistance(table: GateTableEval, total: number): number {
  const c1 = Math.fround(total * 0.75);
  const c2 = Math.fround(c1 * 1.1);
  table.at(c1);
  const d1 = table.delay;
  table.at(c2);
  return Math.abs(d1 - table.delay) / (c2 - c1);
}

/**
 * y(t) of the ramp into a capacitance through rd, and its partial derivatives in t0, dt and C.
 * With e = exp(-s/tau), the response of a unit ramp at time s after it starts is
 * y0 = s - tau (1 - e), its t derivative 1 - e and its C derivative rd ((1 + s/tau) e - 1); one
 * exponential per time point serves all three.
 */
const ramp = { y: 0, dt0: 0, ddt: 0, dcl: 0 };
function capRamp(rd: number, t: number, t0: number, dt: number, cl: number): void {
  const tau = rd * cl;
  const t1 = t - t0;
  if (t1 <= 0) {
    ramp.y = ramp.dt0 = ramp.ddt = ramp.dcl = 0;
    return;
  }
  const e1 = Math.exp(-t1 / tau);
  const y1 = t1 - tau * (1 - e1);
  const yt1 = 1 - e1;
  const yc1 = rd * ((1 + t1 / tau) * e1 - 1);
  if (t1 <= dt) {
    ramp.y = y1 / dt;
    ramp.dt0 = -yt1 / dt;
    ramp.ddt = -y1 / (dt * dt);
    ramp.dcl = yc1 / dt;
  } else {
    const t2 = t1 - dt;
    const e2 = Math.exp(-t2 / tau);
    const y2 = t2 - tau * (1 - e2);
    const yt2 = 1 - e2;
    ramp.y = (y1 - y2) / dt;
    ramp.dt0 = -(yt1 - yt2) / dt;
    // OpenSTA's Jacobian entry (its sign on y0(t2) differs from the exact derivative); kept so
    // that Newton takes the same steps and stops at the same point within its 1% tolerance.
    ramp.ddt = -(y1 + y2) / (dt * dt) + yt2 / dt;
    ramp.dcl = (yc1 - rd * ((1 + t2 / tau) * e2 - 1)) / dt;
  }
}

/** The table's crossing times of the delay and lower slew thresholds at one capacitance. */
const target = { tVth: 0, tVl: 0, slew: 0 };
function targets(table: GateTableEval, th: Thresholds, ceff: number): void {
  table.at(ceff);
  const slew = table.slew * th.slewDerate;
  target.tVth = table.delay;
  target.tVl = table.delay - (slew * (th.vth - th.vl)) / (th.vh - th.vl);
  target.slew = slew;
}

/** The fitted driver: x = [t0, dt, ceff]; the Newton system (Jacobian | -f, row stride 4) and its step. */
const x = new Float64Array(3);
const system = new Float64Array(12);
const step = new Float64Array(3);

/**
 * The driver parameters for a load, by Newton from the table's own ramp at `start`, into `x`.
 * With a pi response, Ceff is fitted too (3 equations); otherwise Ceff stays `start` (2 equations).
 * False when Newton leaves the valid domain or does not converge.
 */
function fitDriver(table: GateTableEval, th: Thresholds, rd: number, start: number, total: number, pi?: RampResponse): boolean {
  targets(table, th, start);
  const dt0 = target.slew / (th.vh - th.vl);
  x[0] = target.tVth + Math.log(1 - th.vth) * rd * start - th.vth * dt0;
  x[1] = dt0;
  x[2] = start;
  const n = pi ? 3 : 2;
  for (let k = 0; k < NEWTON_ITER; k++) {
    const t0 = x[0]!;
    let dt = x[1]!;
    const ceff = pi ? x[2]! : start;
    if (pi && (ceff > total || ceff < 0)) return false;
    targets(table, th, ceff);
    if (!pi && dt <= 0) dt = x[1] = (target.tVl - target.tVth) / 100;
    if (pi && dt <= 0) return false;
    capRamp(rd, target.tVl, t0, dt, ceff);
    system[0] = ramp.dt0;
    system[1] = ramp.ddt;
    system[2] = ramp.dcl;
    const fl = ramp.y - th.vl;
    capRamp(rd, target.tVth, t0, dt, ceff);
    system[4] = ramp.dt0;
    system[5] = ramp.ddt;
    system[6] = ramp.dcl;
    const fth = ramp.y - th.vth;
    if (!pi) {
      // The 2 x 2 system: right-hand sides in column 2.
      system[2] = -fl;
      system[6] = -fth;
    } else {
      system[3] = -fl;
      system[7] = -fth;
      // Charge balance over the table's full-swing ramp time (at most 1.4 dt): pi load vs Ceff.
      const ct = Math.min(target.slew / (th.vh - th.vl), 1.4 * dt);
      // The capacitive response's charge: integral of tau (1 - exp(-t/tau)) over [0, ct].
      const tauC = rd * ceff;
      const fq = (rampCharge(pi, ct) - (tauC * ct - tauC * tauC * (1 - Math.exp(-ct / tauC)))) / (rd * ct * dt);
      // d/d(dt) and d/d(Ceff) of the charge balance with the window at dt (OpenSTA's Jacobian).
      const A = -pi.c;
      const B = -pi.k[0]!;
      const D = -pi.k[1]!;
      const p1 = pi.p[0]!;
      const p2 = pi.p[1]!;
      const tau = rd * ceff;
      const e1 = Math.exp(-p1 * dt);
      const e2 = Math.exp(-p2 * dt);
      const e3 = Math.exp(-dt / tau);
      system[8] = 0;
      system[9] = (-A * dt + B * dt * e1 - (2 * B / p1) * (1 - e1) + D * dt * e2 - (2 * D / p2) * (1 - e2) + tau * (dt + dt * e3 - 2 * tau * (1 - e3))) / (rd * dt * dt * dt);
      system[10] = (2 * tau - dt - (2 * tau + dt) * e3) / (dt * dt);
      system[11] = -fq;
    }
    if (!solveSmall(system, n, 4, step)) return false;
    let small = true;
    for (let i = 0; i < n; i++) {
      const s = step[i]!;
      if (!(Math.abs(s) <= Math.abs(x[i]!) * PARAM_TOL)) small = false;
      x[i] = x[i]! + s;
    }
    if (small) {
      if (!pi) x[2] = start;
      return true;
    }
  }
  return false;
}

/** A saturating ramp (t0, dt) filtered by a linear load, sampled for the crossing searches (one, reused). */
class FilteredRamp implements Waveform {
  private readonly out: Sample = { v: 0, dv: 0 };
  private response: RampResponse = { c: 0, k: [], p: [] };
  private t0 = 0;
  private dt = 1;
  set(response: RampResponse, t0: number, dt: number): this {
    this.response = response;
    this.t0 = t0;
    this.dt = dt;
    return this;
  }
  at(t: number): Sample {
    return saturatedRamp(this.response, this.t0, this.dt, t, this.out);
  }
}
const filteredRamp = new FilteredRamp();

/** The times a waveform crosses the delay and slew thresholds, each searched over [t0, upper]. */
const measured = { delay: 0, slew: 0 };
const bracket: Bracket = { lo: 0, hi: 0, vlo: 0, vhi: 0, vmid: 0, dvmid: 0 };
function measure(wave: Waveform, th: Thresholds, t0: number, upper: number): boolean {
  // The three searches share their first samples (both ends and the midpoint).
  bracketOf(wave, t0, upper, bracket);
  const delay = crossingIn(wave, th.vth, bracket, TIME_TOL, ROOT_ITER);
  const tl = crossingIn(wave, th.vl, bracket, TIME_TOL, ROOT_ITER);
  const thi = crossingIn(wave, th.vh, bracket, TIME_TOL, ROOT_ITER);
  if (Number.isNaN(delay) || Number.isNaN(tl) || Number.isNaN(thi)) return false;
  measured.delay = delay;
  measured.slew = (thi - tl) / th.slewDerate;
  return true;
}

/** The wire result every driver hands out (read at once by every caller, as DriverResult.wire says). */
const wireOut = { delay: 0, slew: 0 };

/** Table values at one capacitance; wires get their Elmore delay and the driver's slew. */
class LumpedDriver implements DriverResult {
  constructor(readonly delay: number, readonly slew: number, readonly ceff: number) {}
  wire(elmore: number): WireResult {
    wireOut.delay = elmore;
    wireOut.slew = this.slew;
    return wireOut;
  }
}

/**
 * Waveforms measured once and dropped keep their poles and response in scratch: the driver's
 * (1 or 2 poles) while it is fitted and measured, a load's (one more pole) while it is measured.
 */
const scratchPoles = [new Float64Array(1), new Float64Array(2), new Float64Array(3)];
const scratchResponses = [scratchResponse(1), scratchResponse(2), scratchResponse(3)];

/** The fitted driver's waveforms: wire delays and load slews measured per load (cached per Elmore delay). */
class DmpDriver implements DriverResult {
  // A driver's loads are asked again for the early and late analyses, and loads with equal pin
  // caps share an Elmore delay: waveforms are remembered per Elmore delay, the first without arrays.
  private firstElmore = NaN;
  private firstDelay = NaN;
  private firstSlew = NaN;
  private seenElmore?: number[];
  private seenWave?: number[];
  constructor(
    readonly delay: number,
    readonly slew: number,
    readonly ceff: number,
    /** The driver response's poles (the second NaN with one pole). */
    private readonly pole0: number,
    private readonly pole1: number,
    private readonly zero: number,
    private readonly t0: number,
    private readonly dt: number,
    private readonly voDelay: number,
    private readonly voUpper: number,
    private readonly th: Thresholds,
  ) {}

  wire(elmore: number): WireResult {
    if (Number.isNaN(this.firstElmore)) {
      this.firstElmore = elmore;
      this.loadWave(elmore);
      this.firstDelay = wireOut.delay;
      this.firstSlew = wireOut.slew;
      return wireOut;
    }
    if (this.firstElmore === elmore) return this.out(this.firstDelay, this.firstSlew);
    const seen = (this.seenElmore ??= []);
    const waves = (this.seenWave ??= []);
    const i = seen.indexOf(elmore);
    if (i >= 0) return this.out(waves[2 * i]!, waves[2 * i + 1]!);
    this.loadWave(elmore);
    seen.push(elmore);
    waves.push(wireOut.delay, wireOut.slew);
    return wireOut;
  }

  private out(delay: number, slew: number): WireResult {
    wireOut.delay = delay;
    wireOut.slew = slew;
    return wireOut;
  }

  /** Measures the waveform at a load with this Elmore delay, into wireOut. */
  private loadWave(elmore: number): void {
    const slew = this.slew;
    if (elmore === 0) return void this.out(0, slew);
    if (elmore < slew * 1e-3) return void this.out(elmore, slew);
    const n = Number.isNaN(this.pole1) ? 1 : 2;
    const poles = scratchPoles[n]!;
    poles[0] = this.pole0;
    if (n === 2) poles[1] = this.pole1;
    poles[n] = 1 / elmore;
    const load = rampResponse(poles, this.zero, scratchResponses[n]);
    if (!measure(filteredRamp.set(load, this.t0, this.dt), this.th, this.t0, this.voUpper + elmore)) return void this.out(elmore, slew);
    const d = measured.delay - this.voDelay;
    this.out(d < 0 ? elmore : d, Math.max(slew, measured.slew));
  }
}

/** Delay, slew and load waveforms of a cell arc driving a pi load. */
export function dmpDriver(tableOrFn: GateTableEval | GateTable, th: Thresholds, pi: PiLoad): DriverResult {
  const table = typeof tableOrFn === 'function' ? new FunctionTable(tableOrFn) : tableOrFn;
  const total = pi.near + pi.far;
  const rd = driveResistance(table, total);
  // Nearly capacitive loads (OpenSTA's thresholds): the far capacitance or the resistance is negligible.
  if (!(rd >= 1e-2) || pi.r < rd * 1e-3 || pi.far === 0 || pi.far < pi.near * 1e-3 || pi.r === 0) return lumped(table, total);
  const zeroNear = pi.near < pi.far * 1e-3;
  const zero = 1 / (pi.r * pi.far);
  let response: RampResponse;
  let fitted: boolean;
  let span: number;
  if (zeroNear) {
    const poles = scratchPoles[0]!;
    poles[0] = 1 / (pi.far * (rd + pi.r));
    response = rampResponse(poles, zero, scratchResponses[0]);
    fitted = fitDriver(table, th, rd, pi.far, total);
    span = 2 * pi.far * (rd + pi.r);
  } else {
    const a = pi.r * rd * pi.near * pi.far;
    const b = rd * total + pi.r * pi.far;
    const disc = Math.sqrt(b * b - 4 * a);
    const poles = scratchPoles[1]!;
    poles[0] = (b + disc) / (2 * a);
    poles[1] = (b - disc) / (2 * a);
    response = rampResponse(poles, zero, scratchResponses[1]);
    fitted = fitDriver(table, th, rd, total, total, response);
    span = 2 * total * (rd + pi.r);
  }
  if (!fitted) return lumped(table, zeroNear ? pi.far : total);
  const t0 = x[0]!;
  const dt = x[1]!;
  const ceff = x[2]!;
  const voUpper = t0 + dt + span;
  const ok = measure(filteredRamp.set(response, t0, dt), th, t0, voUpper);
  table.at(ceff);
  if (!ok) return new LumpedDriver(table.delay, table.slew, ceff);
  // The delay is the table's at Ceff, except without near capacitance (measured on the waveform).
  const delay = zeroNear ? measured.delay : table.delay;
  const p = response.p;
  return new DmpDriver(delay, measured.slew, ceff, p[0]!, p.length > 1 ? p[1]! : NaN, zero, t0, dt, measured.delay, voUpper, th);
}

function lumped(table: GateTableEval, cap: number): DriverResult {
  table.at(cap);
  return new LumpedDriver(table.delay, table.slew, cap);
}
