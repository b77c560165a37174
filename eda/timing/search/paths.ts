import type { PathEnd } from './checks.ts';
import type { PathNode } from './path-search.ts';
import { MAX, MIN, arrivalIndex, slewIndex, type TimingState } from './state.ts';

export interface PathPoint {
  readonly pin: number;
  readonly name: string;
  /** Cell type of an instance pin, or `in`/`out` for ports. */
  readonly cell: string;
  readonly rf: number;
  /** Seconds. */
  readonly arrival: number;
  readonly incr: number;
  readonly slew: number;
  /** Farads driven, for driver pins. */
  readonly load?: number;
}

/** The data path of a path end, from its startpoint to the endpoint. */
export function tracePath(state: TimingState, end: PathEnd): PathPoint[] {
  const { graph } = state;
  const mm = end.kind === 'setup' ? MAX : MIN;
  const nodes = end.path ?? pointerPath(state, end, mm);
  let last = 0;
  return nodes.map(({ pin, rf, arrival }, i) => {
    const gp = graph.pins[pin]!;
    const cell = gp.inst >= 0 ? graph.instances[gp.inst]!.cell.name : gp.portDirection === 'output' ? 'out' : 'in';
    const point = {
      pin, name: gp.name, cell, rf, arrival, incr: i === 0 ? 0 : arrival - last,
      slew: state.slew[slewIndex(pin, mm, rf)]!, load: gp.isDriver ? state.load[pin * 2 + rf] : undefined,
    };
    last = arrival;
    return point;
  });
}

/** The path the arrival pointers give, with the stored arrivals (a register path starts at its clock pin's clock arrival). */
function pointerPath(state: TimingState, end: PathEnd, mm: number): PathNode[] {
  const { tags } = state;
  const rev: { pin: number; rf: number }[] = [];
  let p = end.pin;
  let rf = end.rf;
  for (;;) {
    rev.push({ pin: p, rf });
    const prev = state.prev[arrivalIndex(tags, p, end.tag, mm, rf)]!;
    if (prev < 0) break;
    p = prev >> 1;
    rf = prev & 1;
  }
  rev.reverse();
  return rev.map(({ pin, rf: r }, i) => {
    const isClockPin = i === 0 && state.clockOf[pin]! >= 0;
    const arrival = isClockPin
      ? state.arrival[arrivalIndex(tags, rev[1]?.pin ?? pin, end.tag, mm, rev[1]?.rf ?? r)]! - launchDelay(state, rev, end, mm)
      : state.arrival[arrivalIndex(tags, pin, end.tag, mm, r)]!;
    return { pin, rf: r, arrival };
  });
}

/** Clock-to-output time of a register startpoint: arrival at Q minus the clock arrival at CK. */
function launchDelay(state: TimingState, rev: { pin: number; rf: number }[], end: PathEnd, mm: number): number {
  const ck = rev[0]!;
  const q = rev[1];
  if (!q) return 0;
  const sdc = state.sdc;
  const clock = end.tag >> 1;
  const clkArrival = sdc.clocks[clock]!.waveform[state.clockSourceEdge[ck.pin * 2 + ck.rf]!]! + state.clockLatency[(ck.pin * 2 + mm) * 2 + ck.rf]!;
  return state.arrival[arrivalIndex(state.tags, q.pin, end.tag, mm, q.rf)]! - clkArrival;
}
