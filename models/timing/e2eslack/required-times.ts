import { inputTransitions, type TimingGraph } from '../../../eda/timing/index.ts';

/**
 * Late (setup) required times by backward propagation, the same for ground truth (fed STA's own
 * arc delays) and for the model (fed predicted ones): a driver's required time is the earliest
 * over its loads of (load's required - wire delay); a cell input's is the earliest over its
 * combinational arcs of (output's required - arc delay), per transition through the arc's
 * unateness. Endpoints seed it; launch arcs and loop-breaking arcs are not crossed (as in STA).
 */
export interface RequiredInputs {
  readonly graph: TimingGraph;
  /** Required time (any unit) at each endpoint, per data transition [rise, fall]. */
  readonly endpoints: ReadonlyMap<number, readonly [number, number]>;
  /** Late delay of cell edge `edge` from input transition inRf to output transition outRf (NaN if none). */
  readonly cellDelay: (edge: number, inRf: number, outRf: number) => number;
  /** Late wire delay from the net's driver to this load pin for a transition. */
  readonly netDelay: (load: number, rf: number) => number;
}

/** Required times per pin and transition: out[pin * 2 + rf]; +Infinity where no endpoint is reached. */
export function requiredTimes(r: RequiredInputs): Float64Array {
  const { graph } = r;
  const n = graph.pins.length;
  const req = new Float64Array(n * 2).fill(Infinity);
  const orderIndex = new Int32Array(n);
  graph.order.forEach((p, i) => (orderIndex[p] = i));
  // The forward combinational arcs out of each pin, as offsets into one array (no per-pin arrays).
  const crossed = (e: (typeof graph.cellEdges)[number]) => e.role === 'combinational' && orderIndex[e.from]! < orderIndex[e.to]!;
  const fromStart = new Int32Array(n + 1);
  for (const e of graph.cellEdges) if (crossed(e)) fromStart[e.from + 1]!++;
  for (let p = 0; p < n; p++) fromStart[p + 1]! += fromStart[p]!;
  const fromEdges = new Int32Array(fromStart[n]!);
  const fill = fromStart.slice(0, n);
  graph.cellEdges.forEach((e, i) => {
    if (crossed(e)) fromEdges[fill[e.from]!++] = i;
  });
  for (const [p, [rise, fall]] of r.endpoints) {
    req[p * 2] = Math.min(req[p * 2]!, rise);
    req[p * 2 + 1] = Math.min(req[p * 2 + 1]!, fall);
  }
  for (let k = graph.order.length - 1; k >= 0; k--) {
    const p = graph.order[k]!;
    const pin = graph.pins[p]!;
    if (pin.isDriver && pin.net >= 0) {
      for (const l of graph.nets[pin.net]!.loads) {
        for (let rf = 0; rf < 2; rf++) {
          const t = req[l * 2 + rf]! - r.netDelay(l, rf);
          if (t < req[p * 2 + rf]!) req[p * 2 + rf] = t;
        }
      }
    }
    for (let j = fromStart[p]!; j < fromStart[p + 1]!; j++) {
      const ei = fromEdges[j]!;
      const e = graph.cellEdges[ei]!;
      for (let outRf = 0; outRf < 2; outRf++) {
        const downstream = req[e.to * 2 + outRf]!;
        if (downstream === Infinity) continue;
        for (const inRf of inputTransitions(e.arc, outRf)) {
          const d = r.cellDelay(ei, inRf, outRf);
          if (Number.isNaN(d)) continue;
          const t = downstream - d;
          if (t < req[p * 2 + inRf]!) req[p * 2 + inRf] = t;
        }
      }
    }
  }
  return req;
}
