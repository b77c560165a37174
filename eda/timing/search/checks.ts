import { FALL, RISE, checkTime } from '../delay-calc/index.ts';
import type { Sdc } from '../sdc/index.ts';
import { resolveClocks, resolvePins } from './resolve.ts';
import { MAX, MIN, annotate, arrivalIndex, edgeTime, slewIndex, type TimingState } from './state.ts';

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
}

/**
 * Clock reconvergence pessimism: launch and capture clock paths share the tree down to their
 * last common pin, which cannot be both late and early at once; the difference is credited.
 */
function reconvergenceCredit(state: TimingState, end: number, tag: number, mm: number, rf: number, capturePin: number): number {
  const launch = startpointOf(state, end, tag, mm, rf);
  if (state.clockOf[launch.pin]! < 0) return 0;
  const ancestors = new Set<number>();
  for (let p = launch.pin * 2 + launch.rf; p >= 0; p = state.clockPrev[p]!) ancestors.add(p >> 1);
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

interface FalsePathSets {
  fromPins: Set<number>[];
  toPins: Set<number>[];
  fromClocks: Set<number>[];
  toClocks: Set<number>[];
  minMax: string[];
}

function falsePathSets(state: TimingState): FalsePathSets {
  const { graph, sdc } = state;
  const out: FalsePathSets = { fromPins: [], toPins: [], fromClocks: [], toClocks: [], minMax: [] };
  for (const fp of sdc.falsePaths) {
    const clocksOf = (qs: typeof fp.from) => new Set(qs.flatMap((q) => resolveClocks(q, sdc)));
    const pinsOf = (qs: typeof fp.from) => new Set(qs.flatMap((q) => (resolveClocks(q, sdc).length > 0 ? [] : resolvePins(graph, q, sdc))));
    out.fromPins.push(pinsOf(fp.from));
    out.toPins.push(pinsOf(fp.to));
    out.fromClocks.push(clocksOf(fp.from));
    out.toClocks.push(clocksOf(fp.to));
    out.minMax.push(fp.minMax);
  }
  return out;
}

/** The startpoint pin of the path that ends at this arrival. */
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

function isFalse(state: TimingState, fps: FalsePathSets, end: number, tag: number, mm: number, rf: number, captureClock: number): boolean {
  for (let i = 0; i < fps.minMax.length; i++) {
    if (fps.minMax[i] !== 'both' && (fps.minMax[i] === 'max') !== (mm === MAX)) continue;
    const fromAny = fps.fromPins[i]!.size === 0 && fps.fromClocks[i]!.size === 0;
    const toAny = fps.toPins[i]!.size === 0 && fps.toClocks[i]!.size === 0;
    let fromOk = fromAny || fps.fromClocks[i]!.has(tag >> 1);
    if (!fromOk && fps.fromPins[i]!.size > 0) {
      const sp = startpointOf(state, end, tag, mm, rf).pin;
      // A register startpoint is its clock pin; -from [get_cells r] and -from r/CK both name it.
      fromOk = fps.fromPins[i]!.has(sp) || state.graph.pins[sp]!.inst >= 0 && [...fps.fromPins[i]!].some((q) => state.graph.pins[q]!.inst === state.graph.pins[sp]!.inst);
    }
    const toOk = toAny || fps.toClocks[i]!.has(captureClock) || fps.toPins[i]!.has(end);
    if (fromOk && toOk) return true;
  }
  return false;
}

/** Every setup (max) and hold (min) path end: register checks and output-port delays. */
export function checkPathEnds(state: TimingState): PathEnd[] {
  const { graph, sdc, tags } = state;
  const ends: PathEnd[] = [];
  const fps = falsePathSets(state);
  const consider = (pin: number, kind: 'setup' | 'hold', captureClock: number, captureEdge: number, captureLatency: number, marginOf: (rf: number) => number, isOutputPort: boolean, capturePin = -1) => {
    const mm = kind === 'setup' ? MAX : MIN;
    const clock = sdc.clocks[captureClock]!;
    const uncertainty = kind === 'setup' ? clock.uncertaintySetup : clock.uncertaintyHold;
    let worst: PathEnd | undefined;
    for (let tag = 0; tag < tags; tag++) {
      const launchClock = tag >> 1;
      if (launchClock >= sdc.clocks.length) continue;
      const tc = setupCaptureTime(sdc, launchClock, tag & 1, captureClock, captureEdge) - (kind === 'hold' ? clock.period : 0);
      for (let rf = 0; rf < 2; rf++) {
        const arrival = state.arrival[arrivalIndex(tags, pin, tag, mm, rf)]!;
        if (!Number.isFinite(arrival)) continue;
        const margin = marginOf(rf);
        if (Number.isNaN(margin)) continue;
        const crpr = capturePin >= 0 && sdc.clocks[captureClock]!.propagated ? reconvergenceCredit(state, pin, tag, mm, rf, capturePin) : 0;
        const required = kind === 'setup' ? tc + captureLatency - uncertainty - margin + crpr : tc + captureLatency + uncertainty + margin - crpr;
        const slack = kind === 'setup' ? required - arrival : arrival - required;
        if (worst && slack >= worst.slack) continue;
        if (fps.minMax.length > 0 && isFalse(state, fps, pin, tag, mm, rf, captureClock)) continue;
        worst = { pin, kind, rf, tag, captureClock, arrival, required, slack, captureEdge: tc, captureLatency, uncertainty, margin, isOutputPort, crpr };
      }
    }
    if (worst) ends.push(worst);
  };
  for (const chk of graph.checks) {
    const c = state.clockOf[chk.clock]!;
    if (c < 0) continue;
    const ckRf = chk.clockEdge === 'rise' ? RISE : FALL;
    const edge = state.clockSourceEdge[chk.clock * 2 + ckRf]!;
    const mm = chk.kind === 'setup' ? MAX : MIN;
    // The capture clock arrives early for setup and late for hold.
    const latency = state.clockLatency[(chk.clock * 2 + (mm === MAX ? MIN : MAX)) * 2 + ckRf]!;
    const ckSlew = state.slew[slewIndex(chk.clock, chk.kind === 'setup' ? MIN : MAX, ckRf)]!;
    // Annotated check margins take the SDF triple's max value for setup and hold alike, as OpenSTA does.
    const margin = (rf: number) => annotate(checkTime(chk.arc, rf, ckSlew, state.slew[slewIndex(chk.data, mm, rf)]!), state.annotation?.check(chk.data, chk.clock, chk.kind, rf, MAX));
    consider(chk.data, chk.kind, c, edge, latency, margin, false, chk.clock);
  }
  for (const d of sdc.outputDelays) {
    if (d.clock === undefined) continue;
    const c = sdc.clocks.findIndex((k) => k.name === d.clock);
    const clock = sdc.clocks[c]!;
    const latency = clock.propagated ? 0 : clock.latency;
    for (const p of resolvePins(graph, d.objects, sdc)) {
      for (const kind of ['setup', 'hold'] as const) {
        if (d.minMax !== 'both' && (d.minMax === 'max') !== (kind === 'setup')) continue;
        // The data must arrive output_delay before the edge (setup) and stay -min_delay after it (hold).
        consider(p, kind, c, d.clockFall ? FALL : RISE, latency, () => (kind === 'setup' ? d.delay : -d.delay), true);
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
