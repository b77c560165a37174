import { findCrossing, newtonSystem } from './solvers.ts';
import { rampCharge, rampResponse, saturatedRamp, type RampResponse, type Sample } from './ramp-response.ts';

/**
 * The Dartu-Menezes-Pileggi driver model (IEEE TCAD 15(5), 1996), as OpenSTA's default delay
 * calculator (dmp_ceff_elmore, the 2019 version Debian ships) applies it: the driving cell is a
 * saturating voltage ramp (start t0, duration dt) behind a resistance Rd. t0, dt and the
 * effective capacitance Ceff are fitted so that the ramp into Ceff crosses the output threshold
 * and the lower slew threshold when the NLDM tables say (at Ceff), and Ceff draws the same average
 * current as the pi load over the ramp. The gate delay is the table delay at Ceff; the output slew
 * and the wire delay and slew to each load are measured on the ramp filtered by the pi load (and,
 * to a load, by one more pole at its Elmore delay).
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

export interface DriverResult {
  readonly delay: number;
  readonly slew: number;
  readonly ceff: number;
  /** Wire delay and load slew (table units) to a load with this Elmore delay. */
  wire(elmore: number): { delay: number; slew: number };
}

/** The NLDM delay and (table) slew of the arc at a load capacitance. */
export type GateTable = (cap: number) => { delay: number; slew: number };

/** OpenSTA's tolerances: driver parameters to 1%, waveform crossing times to 1%, 20 root steps. */
const PARAM_TOL = 0.01;
const TIME_TOL = 0.01;
const ROOT_ITER = 20;

/** Drive resistance: the table's delay slope between 75% and 82.5% of the total load. */
function driveResistance(table: GateTable, total: number): number {
  const c1 = Math.fround(total * 0.75);
  const c2 = Math.fround(c1 * 1.1);
  return Math.abs(table(c1).delay - table(c2).delay) / (c2 - c1);
}

/** Response of a unit ramp into a capacitance through a resistance (time constant tau), and its t and C derivatives. */
function y0(s: number, tau: number): number {
  return s - tau * (1 - Math.exp(-s / tau));
}
function y0dt(s: number, tau: number): number {
  return 1 - Math.exp(-s / tau);
}
function y0dcl(s: number, tau: number, rd: number): number {
  return rd * ((1 + s / tau) * Math.exp(-s / tau) - 1);
}

/** y(t) of the ramp into a capacitance through rd, and its partial derivatives in t0, dt and C. */
function capRamp(rd: number, t: number, t0: number, dt: number, cl: number): { y: number; dt0: number; ddt: number; dcl: number } {
  const tau = rd * cl;
  const t1 = t - t0;
  if (t1 <= 0) return { y: 0, dt0: 0, ddt: 0, dcl: 0 };
  if (t1 <= dt) return { y: y0(t1, tau) / dt, dt0: -y0dt(t1, tau) / dt, ddt: -y0(t1, tau) / (dt * dt), dcl: y0dcl(t1, tau, rd) / dt };
  const t2 = t1 - dt;
  return {
    y: (y0(t1, tau) - y0(t2, tau)) / dt,
    dt0: -(y0dt(t1, tau) - y0dt(t2, tau)) / dt,
    // OpenSTA's Jacobian entry (its sign on y0(t2) differs from the exact derivative); kept so
    // that Newton takes the same steps and stops at the same point within its 1% tolerance.
    ddt: -(y0(t1, tau) + y0(t2, tau)) / (dt * dt) + y0dt(t2, tau) / dt,
    dcl: (y0dcl(t1, tau, rd) - y0dcl(t2, tau, rd)) / dt,
  };
}

interface Fit {
  t0: number;
  dt: number;
  ceff: number;
}

/**
 * The driver parameters for a load, by Newton from the table's own ramp at `start`. With a pi
 * response, Ceff is fitted too (3 equations); otherwise Ceff stays `start` (2 equations).
 */
function fitDriver(table: GateTable, th: Thresholds, rd: number, start: number, total: number, pi?: RampResponse): Fit | undefined {
  const targets = (ceff: number) => {
    const g = table(ceff);
    const slew = g.slew * th.slewDerate;
    return { tVth: g.delay, tVl: g.delay - (slew * (th.vth - th.vl)) / (th.vh - th.vl), slew };
  };
  const init = targets(start);
  const dt0 = init.slew / (th.vh - th.vl);
  const x = [init.tVth + Math.log(1 - th.vth) * rd * start - th.vth * dt0, dt0];
  if (pi) x.push(start);
  const solved = newtonSystem(x, PARAM_TOL, 100, (v) => {
    const t0 = v[0]!;
    let dt = v[1]!;
    const ceff = pi ? v[2]! : start;
    if (pi && (ceff > total || ceff < 0)) return undefined;
    const tg = targets(ceff);
    if (!pi && dt <= 0) dt = v[1] = (tg.tVl - tg.tVth) / 100;
    if (pi && dt <= 0) return undefined;
    const a = capRamp(rd, tg.tVl, t0, dt, ceff);
    const b = capRamp(rd, tg.tVth, t0, dt, ceff);
    const f = [a.y - th.vl, b.y - th.vth];
    const jac = [[a.dt0, a.ddt, a.dcl], [b.dt0, b.ddt, b.dcl]];
    if (!pi) return { f, jac: jac.map((r) => r.slice(0, 2)) };
    // Charge balance over the table's full-swing ramp time (at most 1.4 dt): pi load vs Ceff.
    const ct = Math.min(tg.slew / (th.vh - th.vl), 1.4 * dt);
    // The capacitive response's charge: integral of tau (1 - exp(-t/tau)) over [0, ct].
    const tauC = rd * ceff;
    f.push((rampCharge(pi, ct) - (tauC * ct - tauC * tauC * (1 - Math.exp(-ct / tauC)))) / (rd * ct * dt));
    // d/d(dt) and d/d(Ceff) of the charge balance with the window at dt (OpenSTA's Jacobian).
    const [A, B, D] = [-pi.c, -pi.k[0]!, -pi.k[1]!];
    const [p1, p2] = [pi.p[0]!, pi.p[1]!];
    const tau = rd * ceff;
    const e1 = Math.exp(-p1 * dt);
    const e2 = Math.exp(-p2 * dt);
    const e3 = Math.exp(-dt / tau);
    jac.push([
      0,
      (-A * dt + B * dt * e1 - (2 * B / p1) * (1 - e1) + D * dt * e2 - (2 * D / p2) * (1 - e2) + tau * (dt + dt * e3 - 2 * tau * (1 - e3))) / (rd * dt * dt * dt),
      (2 * tau - dt - (2 * tau + dt) * e3) / (dt * dt),
    ]);
    return { f, jac };
  });
  if (!solved) return undefined;
  return { t0: solved[0]!, dt: solved[1]!, ceff: pi ? solved[2]! : start };
}

/** The times a waveform crosses the delay and slew thresholds, each searched over [t0, upper]. */
function measure(wave: (t: number) => Sample, th: Thresholds, t0: number, upper: number): { delay: number; slew: number } | undefined {
  const delay = findCrossing(wave, th.vth, t0, upper, TIME_TOL, ROOT_ITER);
  const tl = findCrossing(wave, th.vl, t0, upper, TIME_TOL, ROOT_ITER);
  const thi = findCrossing(wave, th.vh, t0, upper, TIME_TOL, ROOT_ITER);
  if (delay === undefined || tl === undefined || thi === undefined) return undefined;
  return { delay, slew: (thi - tl) / th.slewDerate };
}

/** Table values at one capacitance; wires get their Elmore delay and the driver's slew. */
function lumped(table: GateTable, cap: number): DriverResult {
  const g = table(cap);
  return { delay: g.delay, slew: g.slew, ceff: cap, wire: (elmore) => ({ delay: elmore, slew: g.slew }) };
}

/** Delay, slew and load waveforms of a cell arc driving a pi load. */
export function dmpDriver(table: GateTable, th: Thresholds, pi: PiLoad): DriverResult {
  const total = pi.near + pi.far;
  const rd = driveResistance(table, total);
  // Nearly capacitive loads (OpenSTA's thresholds): the far capacitance or the resistance is negligible.
  if (!(rd >= 1e-2) || pi.r < rd * 1e-3 || pi.far === 0 || pi.far < pi.near * 1e-3 || pi.r === 0) return lumped(table, total);
  const zeroNear = pi.near < pi.far * 1e-3;
  const zero = 1 / (pi.r * pi.far);
  let response: RampResponse;
  let fit: Fit | undefined;
  let span: number;
  if (zeroNear) {
    response = rampResponse([1 / (pi.far * (rd + pi.r))], zero);
    fit = fitDriver(table, th, rd, pi.far, total);
    span = 2 * pi.far * (rd + pi.r);
  } else {
    const a = pi.r * rd * pi.near * pi.far;
    const b = rd * total + pi.r * pi.far;
    const disc = Math.sqrt(b * b - 4 * a);
    response = rampResponse([(b + disc) / (2 * a), (b - disc) / (2 * a)], zero);
    fit = fitDriver(table, th, rd, total, total, response);
    span = 2 * total * (rd + pi.r);
  }
  if (!fit) return lumped(table, zeroNear ? pi.far : total);
  const { t0, dt, ceff } = fit;
  const voUpper = t0 + dt + span;
  const sample: Sample = { v: 0, dv: 0 };
  const vo = measure((t) => saturatedRamp(response, t0, dt, t, sample), th, t0, voUpper);
  const atCeff = table(ceff);
  if (!vo) return { delay: atCeff.delay, slew: atCeff.slew, ceff, wire: (elmore) => ({ delay: elmore, slew: atCeff.slew }) };
  // The delay is the table's at Ceff, except without near capacitance (measured on the waveform).
  const delay = zeroNear ? vo.delay : atCeff.delay;
  const slew = vo.slew;
  // A driver's loads are asked again for the early and late analyses: remember them per Elmore delay.
  const seenElmore: number[] = [];
  const seenWave: { delay: number; slew: number }[] = [];
  const wire = (elmore: number) => {
    const i = seenElmore.indexOf(elmore);
    if (i >= 0) return seenWave[i]!;
    const w = loadWave(elmore);
    seenElmore.push(elmore);
    seenWave.push(w);
    return w;
  };
  const loadWave = (elmore: number) => {
    if (elmore === 0) return { delay: 0, slew };
    if (elmore < slew * 1e-3) return { delay: elmore, slew };
    const load = rampResponse([...response.p, 1 / elmore], zero);
    const m = measure((t) => saturatedRamp(load, t0, dt, t, sample), th, t0, voUpper + elmore);
    if (!m) return { delay: elmore, slew };
    const d = m.delay - vo.delay;
    return { delay: d < 0 ? elmore : d, slew: Math.max(slew, m.slew) };
  };
  return { delay, slew, ceff, wire };
}
