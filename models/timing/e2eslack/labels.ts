import { MAX, MIN, arcDelay, arrivalIndex, checkTime, inputTransitions, slewIndex, type TimingAnalysis } from '../../../eda/timing/index.ts';
import { requiredTimes } from './required-times.ts';
import { flatTopology } from './topology.ts';

/**
 * What an STA run says about every pin and arc, in nanoseconds, in the timing graph's order
 * (graphs rebuilt from the same netlist and libraries index the same pins and arcs):
 * the labels a slack predictor learns from.
 */
export interface TimingLabels {
  /** arrival[pin * 4 + mm * 2 + rf] (mm 0 late, 1 early): latest (earliest) over launch clocks; NaN where none. */
  readonly arrival: Float32Array;
  /** slew[pin * 4 + mm * 2 + rf]. */
  readonly slew: Float32Array;
  /** Late required time per pin and transition, required[pin * 2 + rf]; NaN where no endpoint is reached. */
  readonly required: Float32Array;
  /** Cell arc delay and output slew, [edge * 8 + mm * 4 + inRf * 2 + outRf]; NaN for transitions the arc lacks. */
  readonly cellDelay: Float32Array;
  readonly cellSlew: Float32Array;
  /** Setup endpoints: pin, slack and required time (ns) of the worst transition. */
  readonly endpoints: { pin: number; slack: number; required: number; isOutput: boolean }[];
  readonly wns: number;
  readonly tns: number;
}

const ns = 1e9;

/** Labels from a finished analysis: arrivals, slews, per-arc delays, required times and endpoint slacks. */
export function timingLabels(a: TimingAnalysis): TimingLabels {
  const s = a.state;
  const g = s.graph;
  const n = g.pins.length;
  const arrival = new Float32Array(n * 4).fill(NaN);
  const slew = new Float32Array(n * 4);
  for (let p = 0; p < n; p++) {
    for (let mm = 0; mm < 2; mm++) {
      for (let rf = 0; rf < 2; rf++) {
        let best = mm === MAX ? -Infinity : Infinity;
        for (let tag = 0; tag < s.tags; tag++) {
          const t = s.arrival[arrivalIndex(s.tags, p, tag, mm, rf)]!;
          best = mm === MAX ? Math.max(best, t) : Math.min(best, t);
        }
        if (Number.isFinite(best)) arrival[p * 4 + mm * 2 + rf] = best * ns;
        slew[p * 4 + mm * 2 + rf] = s.slew[slewIndex(p, mm, rf)]! * ns;
      }
    }
  }
  const derate = [s.sdc.derate.lateCell, s.sdc.derate.earlyCell];
  const cellDelay = new Float32Array(g.cellEdges.length * 8).fill(NaN);
  const cellSlew = new Float32Array(g.cellEdges.length * 8).fill(NaN);
  g.cellEdges.forEach((e, ei) => {
    for (let mm = 0; mm < 2; mm++) {
      for (let outRf = 0; outRf < 2; outRf++) {
        const ins = e.role === 'launch' ? [e.clockEdge === 'rise' ? 0 : 1] : inputTransitions(e.arc, outRf);
        for (const inRf of ins) {
          const d = arcDelay(s, e.arc, outRf, s.slew[slewIndex(e.from, mm, inRf)]!, e.to);
          if (Number.isNaN(d.delay)) continue;
          cellDelay[ei * 8 + mm * 4 + inRf * 2 + outRf] = d.delay * derate[mm]! * ns;
          cellSlew[ei * 8 + mm * 4 + inRf * 2 + outRf] = d.slew * ns;
        }
      }
    }
  });
  const endpoints = a.setup.map((e) => ({ pin: e.pin, slack: e.slack * ns, required: e.required * ns, isOutput: e.isOutputPort }));
  const seeds = endpointRequired(a);
  // Late wire delays: each load's arrival less its net's driver's (0 where either is missing).
  const netDelay = new Float64Array(n * 4);
  for (const net of g.nets) {
    const drv = net.drivers[0];
    if (drv === undefined) continue;
    for (const load of net.loads) {
      for (let rf = 0; rf < 2; rf++) {
        const d = arrival[load * 4 + rf]! - arrival[drv * 4 + rf]!;
        if (Number.isFinite(d)) netDelay[load * 4 + rf] = d;
      }
    }
  }
  const req = requiredTimes({ order: g.order, topology: flatTopology(g), endpoints: seeds, cellDelay, netDelay });
  const required = Float32Array.from(req, (v) => (Number.isFinite(v) ? v : NaN));
  return { arrival, slew, required, cellDelay, cellSlew, endpoints, wns: a.wns * ns, tns: a.tns * ns };
}


/**
 * Setup required times per data transition at every endpoint (ns): the worst end's capture edge,
 * latency, uncertainty and reconvergence credit, with the library setup time of each transition
 * (the end itself holds it only for its worst transition); output ports need the output delay.
 */
export function endpointRequired(a: TimingAnalysis): Map<number, [number, number]> {
  const s = a.state;
  const out = new Map<number, [number, number]>();
  const checksAt = new Map<number, number[]>();
  s.graph.checks.forEach((c, i) => {
    if (c.kind === 'setup') checksAt.set(c.data, [...(checksAt.get(c.data) ?? []), i]);
  });
  for (const e of a.setup) {
    const base = e.captureEdge + e.captureLatency - e.uncertainty + e.crpr;
    if (e.isOutputPort) {
      out.set(e.pin, [(base - e.margin) * ns, (base - e.margin) * ns]);
      continue;
    }
    const req: [number, number] = [Infinity, Infinity];
    for (const ci of checksAt.get(e.pin) ?? []) {
      const chk = s.graph.checks[ci]!;
      const ckRf = chk.clockEdge === 'rise' ? 0 : 1;
      const ckSlew = s.slew[slewIndex(chk.clock, MIN, ckRf)]!;
      for (let rf = 0; rf < 2; rf++) {
        const m = checkTime(chk.arc, rf, ckSlew, s.slew[slewIndex(e.pin, MAX, rf)]!);
        if (!Number.isNaN(m)) req[rf] = Math.min(req[rf], (base - m) * ns);
      }
    }
    // A transition without a check (e.g. the asserting edge of an asynchronous reset) has none.
    out.set(e.pin, Number.isFinite(req[0]) || Number.isFinite(req[1]) ? req : [e.required * ns, e.required * ns]);
  }
  return out;
}
