import { inputTransitions } from '../delay-calc/index.ts';
import { MAX, arrivalIndex, dataArcIncrement, dataWireIncrement, edgeTime, type TimingState } from './state.ts';

/** One point of an explicit path: the pin, its transition and its arrival (seconds). */
export interface PathNode {
  readonly pin: number;
  readonly rf: number;
  readonly arrival: number;
}

/** The worst path to an endpoint under a per-startpoint adjustment, with its arrival and points from the startpoint. */
export interface FoundPath {
  readonly arrival: number;
  readonly adjustment: number;
  readonly points: PathNode[];
}

/**
 * Decides a path by its startpoint (a register clock pin or an input port, and its transition):
 * the credit it gets (setup: subtracted from the arrival; hold: added), or NaN to leave it out
 * (a false path).
 */
export type StartJudge = (startPin: number, startRf: number) => number;

interface Entry {
  /** The best arrival of any path through this partial path: the node's arrival plus the suffix. */
  readonly key: number;
  readonly pin: number;
  readonly rf: number;
  /** Delay from this node to the endpoint. */
  readonly suffix: number;
  /** Delay of the step from this node towards the endpoint, and the entry it leads to. */
  readonly step: number;
  readonly next: number;
  /** A complete path: this node is its startpoint (a clock pin launching, or an input port) ... */
  readonly start: boolean;
  /** ... whose time is this (the clock arrival, or the input arrival); NaN for other entries. */
  readonly origin: number;
}

/**
 * The worst path to (end, rf) of one launch tag when paths differ by more than their arrival:
 * clock reconvergence pessimism credit (it depends on where the launch clock path leaves the
 * capture clock path) and false paths from named startpoints. Paths are enumerated backward from
 * the endpoint, best first, with the forward arrivals as exact bounds (A* on the timing graph), so
 * the search stops as soon as no remaining path can beat the best judged one. A node reached again
 * later is dominated (every path through it was already seen with a larger arrival) and skipped.
 * Setup (max): maximizes arrival - credit; hold (min): minimizes arrival + credit.
 */
export function worstPath(state: TimingState, orderIndex: Int32Array, end: number, tag: number, mm: number, rf: number, judge: StartJudge): FoundPath | undefined {
  const { graph, tags, sdc } = state;
  const sign = mm === MAX ? 1 : -1;
  const entries: Entry[] = [];
  const heap: number[] = [];
  const better = (a: number, b: number) => sign * (entries[a]!.key - entries[b]!.key) > 0;
  const push = (e: Entry) => {
    entries.push(e);
    heap.push(entries.length - 1);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!better(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && better(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && better(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  const arrival = (pin: number, r: number) => state.arrival[arrivalIndex(tags, pin, tag, mm, r)]!;
  const endArrival = arrival(end, rf);
  if (!Number.isFinite(endArrival)) return undefined;
  push({ key: endArrival, pin: end, rf, suffix: 0, step: 0, next: -1, start: false, origin: NaN });
  const seen = new Set<number>();
  let best: { value: number; adjustment: number; entry: number } | undefined;
  while (heap.length > 0) {
    const at = pop();
    const e = entries[at]!;
    // Credits only help (setup) or only hurt (hold) by at least 0: nothing left can do better.
    if (best && sign * (e.key - best.value) <= 0) break;
    if (e.start) {
      const adjustment = judge(e.pin, e.rf);
      if (Number.isNaN(adjustment)) continue;
      const value = e.key - sign * adjustment;
      if (!best || sign * (value - best.value) > 0) best = { value, adjustment, entry: at };
      continue;
    }
    const node = e.pin * 2 + e.rf;
    if (seen.has(node)) continue;
    seen.add(node);
    const pin = graph.pins[e.pin]!;
    const via = (from: number, fromRf: number, step: number, key: number, origin = NaN) => {
      if (Number.isFinite(key)) push({ key, pin: from, rf: fromRf, suffix: e.suffix + step, step, next: at, start: !Number.isNaN(origin), origin });
    };
    if (state.prev[arrivalIndex(tags, e.pin, tag, mm, e.rf)] === -1) {
      // A seeded arrival (an input port): the path starts here.
      via(e.pin, e.rf, 0, e.key, arrival(e.pin, e.rf));
      continue;
    }
    if (!pin.isDriver) {
      const drv = pin.net >= 0 ? graph.nets[pin.net]!.drivers[0] : undefined;
      if (drv === undefined || state.clockOf[drv]! >= 0) continue;
      const d = dataWireIncrement(state, pin.net, drv, e.pin, mm, e.rf);
      via(drv, e.rf, d, arrival(drv, e.rf) + d + e.suffix);
      continue;
    }
    for (const ei of graph.edgesInto[e.pin]!) {
      const edge = graph.cellEdges[ei]!;
      if (edge.role === 'launch') {
        const c = state.clockOf[edge.from]!;
        if (c < 0) continue;
        const inRf = edge.clockEdge === 'rise' ? 0 : 1;
        const srcEdge = state.clockSourceEdge[edge.from * 2 + inRf]!;
        if (c * 2 + srcEdge !== tag) continue;
        const d = dataArcIncrement(state, edge.from, edge.arc, e.rf, inRf, e.pin, mm);
        if (Number.isNaN(d)) continue;
        const t0 = edgeTime(sdc, c, srcEdge) + state.clockLatency[(edge.from * 2 + mm) * 2 + inRf]!;
        via(edge.from, inRf, d, t0 + d + e.suffix, t0);
        continue;
      }
      if (orderIndex[edge.from]! >= orderIndex[e.pin]! || state.clockOf[edge.from]! >= 0) continue;
      for (const inRf of inputTransitions(edge.arc, e.rf)) {
        const d = dataArcIncrement(state, edge.from, edge.arc, e.rf, inRf, e.pin, mm);
        if (!Number.isNaN(d)) via(edge.from, inRf, d, arrival(edge.from, inRf) + d + e.suffix);
      }
    }
  }
  if (!best) return undefined;
  // The points from the startpoint, with arrivals added up forward as propagation added them.
  const chain: Entry[] = [];
  for (let i = best.entry; i >= 0; i = entries[i]!.next) chain.push(entries[i]!);
  const points: PathNode[] = [];
  let t = chain[0]!.origin;
  for (let k = 0; k < chain.length; k++) {
    const c = chain[k]!;
    // An input port's start entry and its own node are one point.
    if (k === 0 || c.pin !== chain[k - 1]!.pin || c.rf !== chain[k - 1]!.rf) points.push({ pin: c.pin, rf: c.rf, arrival: t });
    t += c.step;
  }
  return { arrival: points.at(-1)!.arrival, adjustment: best.adjustment, points };
}
