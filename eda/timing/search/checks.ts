import { FALL, RISE, checkTime } from '../delay-calc/index.ts';
import type { Sdc } from '../sdc/index.ts';
import { exceptionsOf, type Exceptions } from './exceptions.ts';
import { worstPath, type PathNode } from './path-search.ts';
import { effectivePortDelays } from './port-delays.ts';
import { MAX, MIN, annotate, arrivalIndex, edgeTime, idealLatency, slewIndex, type TimingState } from './state.ts';

/** One checked path end: the worst of its transitions and launch tags. */
export interface PathEnd {
  /** Endpoint pin (graph index). */
  readonly pin: number;
  readonly kind: 'setup' | 'hold';
  /** The data transition (0 rise, 1 fall) and launch tag of the worst case. */
  readonly rf: number;
  readonly tag: number;
  readonly captureClock: number;
  readonly arrival: number;
  readonly required: number;
  readonly slack: number;
  /** Capture edge time, capture clock latency, uncertainty and the library check time (seconds). */
  readonly captureEdge: number;
  readonly captureLatency: number;
  readonly uncertainty: number;
  /** Setup/hold from the library, or the output delay for a port. */
  readonly margin: number;
  readonly isOutputPort: boolean;
  /** Clock reconvergence pessimism removed (late minus early latency at the common clock pin). */
  readonly crpr: number;
  /** The path group (group_path), else the capture clock's name. */
  readonly group: string;
  /**
   * The path's points when it is not the one the arrival pointers give (per-path pessimism
   * removal or a false path from a startpoint picked another), startpoint first.
   */
  readonly path?: readonly PathNode[];
}

/**
 * Clock reconvergence pessimism: launch and capture clock paths share the tree down to their
 * last common pin, which cannot be both late and early at once; the difference is credited.
 */
function reconvergenceCredit(state: TimingState, launchPin: number, launchRf: number, capturePin: number): number {
  if (state.clockOf[launchPin]! < 0) return 0;
  const ancestors = new Set<number>();
  for (let p = launchPin * 2 + launchRf; p >= 0; p = state.clockPrev[p]!) ancestors.add(p >> 1);
  for (let p = capturePin * 2; p >= 0; p = state.clockPrev[p]!) {
    const pin = p >> 1;
    if (ancestors.has(pin)) {
      const r = p & 1;
      return state.clockLatency[(pin * 2 + MAX) * 2 + r]! - state.clockLatency[(pin * 2 + MIN) * 2 + r]!;
    }
  }
  return 0;
}

/** Setup capture edge: the first capture edge strictly after the launch edge. */
function setupCaptureTime(sdc: Sdc, launchClock: number, launchEdge: number, captureClock: number, captureEdge: number): number {
  const tl = edgeTime(sdc, launchClock, launchEdge);
  const cap = sdc.clocks[captureClock]!;
  const tc0 = edgeTime(sdc, captureClock, captureEdge);
  const k = Math.floor((tl - tc0) / cap.period + 1e-9) + 1;
  const t = tc0 + k * cap.period;
  return t - tl < 1e-15 ? t + cap.period : t;
}

/** The startpoint pin of the path the arrival pointers give. */
export function startpointOf(state: TimingState, pin: number, tag: number, mm: number, rf: number): { pin: number; rf: number } {
  let p = pin;
  let r = rf;
  for (;;) {
    const prev = state.prev[arrivalIndex(state.tags, p, tag, mm, r)]!;
    if (prev < 0) return { pin: p, rf: r };
    p = prev >> 1;
    r = prev & 1;
  }
}

interface Capture {
  readonly pin: number;
  readonly kind: 'setup' | 'hold';
  readonly clock: number;
  /** The capture clock's source edge (0 rise, 1 fall). */
  readonly edge: number;
  readonly latency: number;
  readonly margin: (rf: number) => number;
  readonly isOutputPort: boolean;
  /** The register clock pin (for pessimism removal), -1 for an output port. */
  readonly clockPin: number;
}

/** The worst path end of one capture (a register check or an output delay), if any path is checked. */
function capture(state: TimingState, orderIndex: Int32Array, exceptions: Exceptions, c: Capture): PathEnd | undefined {
  const { sdc, tags } = state;
  const mm = c.kind === 'setup' ? MAX : MIN;
  const clock = sdc.clocks[c.clock]!;
  const uncertainty = c.kind === 'setup' ? clock.uncertaintySetup : clock.uncertaintyHold;
  const crprOn = c.clockPin >= 0 && clock.propagated;
  let worst: PathEnd | undefined;
  for (let tag = 0; tag < tags; tag++) {
    const launchClock = tag >> 1;
    if (launchClock >= sdc.clocks.length) continue;
    const tc = setupCaptureTime(sdc, launchClock, tag & 1, c.clock, c.edge) - (c.kind === 'hold' ? clock.period : 0);
    for (let rf = 0; rf < 2; rf++) {
      let arrival = state.arrival[arrivalIndex(tags, c.pin, tag, mm, rf)]!;
      if (!Number.isFinite(arrival)) continue;
      const margin = c.margin(rf);
      if (Number.isNaN(margin)) continue;
      const rule = exceptions.at(mm, tag, c.pin, c.clock, c.edge, rf);
      if (rule === 'false') continue;
      let crpr = 0;
      let path: PathNode[] | undefined;
      if (crprOn || rule !== undefined) {
        const judge = (sp: number, spRf: number) => (rule !== undefined && rule(sp, spRf) ? NaN : crprOn ? reconvergenceCredit(state, sp, spRf, c.clockPin) : 0);
        const found = worstPath(state, orderIndex, c.pin, tag, mm, rf, judge);
        if (!found) continue;
        arrival = found.arrival;
        crpr = found.adjustment;
        const start = startpointOf(state, c.pin, tag, mm, rf);
        // Keep the explicit points only where the pointers would show another path.
        if (found.points[0]!.pin !== start.pin || found.points[0]!.rf !== start.rf || arrival !== state.arrival[arrivalIndex(tags, c.pin, tag, mm, rf)]) path = found.points;
      }
      const required = c.kind === 'setup' ? tc + c.latency - uncertainty - margin + crpr : tc + c.latency + uncertainty + margin - crpr;
      const slack = c.kind === 'setup' ? required - arrival : arrival - required;
      if (worst && slack >= worst.slack) continue;
      worst = {
        pin: c.pin, kind: c.kind, rf, tag, captureClock: c.clock, arrival, required, slack, captureEdge: tc, captureLatency: c.latency, uncertainty, margin,
        isOutputPort: c.isOutputPort, crpr, group: exceptions.group(tag, c.pin, c.clock), ...(path ? { path } : {}),
      };
    }
  }
  return worst;
}

/** Every setup (max) and hold (min) path end: register checks and output-port delays. */
export function checkPathEnds(state: TimingState): PathEnd[] {
  const { graph, sdc } = state;
  const orderIndex = new Int32Array(graph.pins.length);
  graph.order.forEach((p, i) => (orderIndex[p] = i));
  const exceptions = exceptionsOf(state);
  const ends: PathEnd[] = [];
  const add = (e: PathEnd | undefined) => void (e && ends.push(e));
  for (const chk of graph.checks) {
    const clock = state.clockOf[chk.clock]!;
    if (clock < 0 || state.constant[chk.data]! >= 0 || state.constant[chk.clock]! >= 0) continue;
    const ckRf = chk.clockEdge === 'rise' ? RISE : FALL;
    const mm = chk.kind === 'setup' ? MAX : MIN;
    const ckSlew = state.slew[slewIndex(chk.clock, chk.kind === 'setup' ? MIN : MAX, ckRf)]!;
    add(capture(state, orderIndex, exceptions, {
      pin: chk.data, kind: chk.kind, clock, edge: state.clockSourceEdge[chk.clock * 2 + ckRf]!,
      // The capture clock arrives early for setup and late for hold.
      latency: state.clockLatency[(chk.clock * 2 + (mm === MAX ? MIN : MAX)) * 2 + ckRf]!,
      // Annotated check margins take the SDF triple's max value for setup and hold alike, as OpenSTA does.
      margin: (rf) => annotate(checkTime(chk.arc, rf, ckSlew, state.slew[slewIndex(chk.data, mm, rf)]!), state.annotation?.check(chk.data, chk.clock, chk.arc, rf, MAX)),
      isOutputPort: false, clockPin: chk.clock,
    }));
  }
  for (const [pin, slots] of effectivePortDelays(graph, sdc, sdc.outputDelays)) {
    if (state.constant[pin]! >= 0) continue;
    for (const kind of ['setup', 'hold'] as const) {
      const mm = kind === 'setup' ? MAX : MIN;
      // One capture per clock edge named on the port; the data transitions it covers have a margin.
      const edges = new Map<string, { clock: number; clockFall: boolean; delay: number[] }>();
      for (let rf = 0; rf < 2; rf++) {
        for (const d of slots[rf * 2 + mm]!) {
          if (d.clock < 0) continue;
          const key = `${d.clock}:${d.clockFall}`;
          const entry = edges.get(key) ?? { clock: d.clock, clockFall: d.clockFall, delay: [NaN, NaN] };
          entry.delay[rf] = d.delay;
          edges.set(key, entry);
        }
      }
      for (const e of edges.values()) {
        // The data must arrive output_delay before the edge (setup) and stay -min_delay after it (hold).
        add(capture(state, orderIndex, exceptions, {
          pin, kind, clock: e.clock, edge: e.clockFall ? FALL : RISE, latency: idealLatency(sdc.clocks[e.clock]!),
          margin: (rf) => (kind === 'setup' ? e.delay[rf]! : -e.delay[rf]!), isOutputPort: true, clockPin: -1,
        }));
      }
    }
  }
  return mergeEnds(ends);
}

/** One end per (pin, kind): the worst over all checks there (e.g. setup on several clock pins). */
function mergeEnds(ends: PathEnd[]): PathEnd[] {
  const best = new Map<string, PathEnd>();
  for (const e of ends) {
    const key = `${e.pin}:${e.kind}`;
    const old = best.get(key);
    if (!old || e.slack < old.slack) best.set(key, e);
  }
  return [...best.values()];
}
