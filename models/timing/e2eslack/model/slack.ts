import { checkTime } from '../../../../eda/timing/index.ts';
import type { SlackGraph } from '../parser/slack-graph.ts';
import { requiredTimes } from '../required-times.ts';
import type { ModelConstraints } from './constraints.ts';
import type { Prediction } from './propagate.ts';

export interface SlackPrediction {
  /** Setup endpoints with their predicted slack and required time (ns). */
  readonly endpoints: { pin: number; slack: number; required: number }[];
  /** Late required time per pin and transition (ns; +Infinity where no endpoint is reached). */
  readonly required: Float64Array;
  readonly wns: number;
  readonly tns: number;
}

/**
 * Setup required times at the endpoints from the clock constraints and the predicted data slews:
 * a register's data pin needs its capture edge (the first clock edge after the launch at the
 * clock's rising edge) plus ideal latency, less uncertainty and the library setup time at the
 * predicted slew (or the SDF's SETUP); an output port its output delay.
 */
export function endpointRequirements(g: SlackGraph, c: ModelConstraints, pred: Prediction): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  const NS = 1e9;
  for (const chk of g.graph.checks) {
    if (chk.kind !== 'setup') continue;
    const ck = c.clockOf[chk.clock]!;
    if (ck < 0) continue;
    const k = c.clocks[ck]!;
    const edge = k.waveform[chk.clockEdge === 'rise' ? 0 : 1];
    const capture = edge > k.waveform[0] + 1e-9 ? edge : edge + k.periodNs;
    const base = capture + (k.propagated ? 0 : k.latencyNs) - k.uncertaintyNs;
    const req = out.get(chk.data) ?? [Infinity, Infinity];
    for (let rf = 0; rf < 2; rf++) {
      // An SDF SETUP (its max value, as STA) replaces the library's setup time.
      const annotated = g.sdf?.check(chk.data, chk.clock, chk.arc, rf, 0);
      const setup = annotated !== undefined ? annotated * NS : checkTime(chk.arc, rf, k.slewNs / NS, pred.slew[chk.data * 4 + rf]! / NS) * NS;
      if (!Number.isNaN(setup)) req[rf] = Math.min(req[rf], base - setup);
    }
    out.set(chk.data, req);
  }
  for (const [p, r] of c.outputs) {
    const req = out.get(p) ?? [Infinity, Infinity];
    out.set(p, [Math.min(req[0], r), Math.min(req[1], r)]);
  }
  return out;
}

/**
 * The RAT estimation and slack: required times propagated backward with the predicted late arc
 * delays, endpoint slack = required - arrival (worst transition), TNS and WNS as STA reports them.
 */
export function predictSlack(g: SlackGraph, c: ModelConstraints, pred: Prediction, endpointRequired = endpointRequirements(g, c, pred)): SlackPrediction {
  // The late slots of the predicted delays: cellDelay[e * 8 + inRf * 2 + outRf], netDelay[load * 4 + rf].
  const required = requiredTimes({ order: g.graph.order, topology: g, endpoints: endpointRequired, cellDelay: pred.cellDelay, netDelay: pred.netDelay });
  const endpoints: SlackPrediction['endpoints'] = [];
  for (const [p, req] of endpointRequired) {
    let slack = Infinity;
    let at = -Infinity;
    for (let rf = 0; rf < 2; rf++) {
      const a = pred.arrival[p * 4 + rf]!;
      if (Number.isNaN(a) || !Number.isFinite(req[rf]!)) continue;
      if (req[rf]! - a < slack) {
        slack = req[rf]! - a;
        at = req[rf]!;
      }
    }
    if (Number.isFinite(slack)) endpoints.push({ pin: p, slack, required: at });
  }
  endpoints.sort((a, b) => a.slack - b.slack);
  let tns = 0;
  for (const e of endpoints) if (e.slack < 0) tns += e.slack;
  return { endpoints, required, tns, wns: Math.min(0, endpoints[0]?.slack ?? 0) };
}

/** The predicted critical path into an endpoint: at each pin the fanin whose arrival plus delay sets the late arrival. */
export function criticalPath(g: SlackGraph, pred: Prediction, endpoint: number): { pin: number; rf: number; arrival: number }[] {
  const graph = g.graph;
  let p = endpoint;
  let rf = pred.arrival[p * 4]! >= pred.arrival[p * 4 + 1]! || Number.isNaN(pred.arrival[p * 4 + 1]!) ? 0 : 1;
  const path: { pin: number; rf: number; arrival: number }[] = [];
  for (let guard = 0; guard < graph.pins.length; guard++) {
    path.push({ pin: p, rf, arrival: pred.arrival[p * 4 + rf]! });
    const pin = graph.pins[p]!;
    if (!pin.isDriver) {
      const drv = pin.net >= 0 ? graph.nets[pin.net]!.drivers[0] : undefined;
      if (drv === undefined || Number.isNaN(pred.arrival[drv * 4 + rf]!)) break;
      p = drv;
      continue;
    }
    let next = -1;
    let nextRf = 0;
    let bestGap = Infinity;
    for (const ei of graph.edgesInto[p]!) {
      const e = graph.cellEdges[ei]!;
      for (let inRf = 0; inRf < 2; inRf++) {
        const d = pred.cellDelay[ei * 8 + inRf * 2 + rf]!;
        const a = pred.arrival[e.from * 4 + inRf]!;
        if (Number.isNaN(d) || Number.isNaN(a)) continue;
        const gap = Math.abs(a + d - pred.arrival[p * 4 + rf]!);
        if (gap < bestGap) {
          bestGap = gap;
          next = e.from;
          nextRf = inRf;
        }
      }
    }
    if (next < 0 || bestGap > 1e-3) break;
    p = next;
    rf = nextRf;
  }
  return path.reverse();
}
