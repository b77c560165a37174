import type { FlatTopology } from './topology.ts';

/**
 * Late (setup) required times by backward propagation, the same for ground truth (fed STA's own
 * arc delays) and for the model (fed predicted ones): a driver's required time is the earliest
 * over its loads of (load's required - wire delay); a cell input's is the earliest over its
 * combinational arcs of (output's required - arc delay), per transition through the arc's
 * unateness. Endpoints seed it; launch arcs and loop-breaking arcs are not crossed (as in STA).
 * It reads the graph's flat topology (topology.ts), not its pin, net and edge objects.
 */
export interface RequiredInputs {
  /** The graph's topological order (graph.order) and flat topology. */
  readonly order: readonly number[];
  readonly topology: FlatTopology;
  /** Required time (any unit) at each endpoint, per data transition [rise, fall]. */
  readonly endpoints: ReadonlyMap<number, readonly [number, number]>;
  /** Late delay of cell edge e from input transition inRf to output transition outRf at [e * 8 + inRf * 2 + outRf] (NaN if none). */
  readonly cellDelay: Float32Array | Float64Array;
  /** Late wire delay from the net's driver to load pin l for transition rf at [l * 4 + rf] (NaN counts as 0). */
  readonly netDelay: Float32Array | Float64Array;
}

/** Required times per pin and transition: out[pin * 2 + rf]; +Infinity where no endpoint is reached. */
export function requiredTimes(r: RequiredInputs): Float64Array {
  const { order, cellDelay, netDelay } = r;
  const { isDriver, pinNet, netLoadStart, netLoads, edgeFrom, edgeTo, edgeRole, edgeSense } = r.topology;
  const n = pinNet.length;
  const req = new Float64Array(n * 2).fill(Infinity);
  const orderIndex = new Int32Array(n);
  for (let i = 0; i < order.length; i++) orderIndex[order[i]!] = i;
  // The forward combinational arcs out of each pin, as offsets into one array (no per-pin arrays).
  const edges = edgeFrom.length;
  const crossed = new Uint8Array(edges);
  const fromStart = new Int32Array(n + 1);
  for (let e = 0; e < edges; e++) {
    if (edgeRole[e] === 0 && orderIndex[edgeFrom[e]!]! < orderIndex[edgeTo[e]!]!) {
      crossed[e] = 1;
      fromStart[edgeFrom[e]! + 1]!++;
    }
  }
  for (let p = 0; p < n; p++) fromStart[p + 1]! += fromStart[p]!;
  const fromEdges = new Int32Array(fromStart[n]!);
  const fill = fromStart.slice(0, n);
  for (let e = 0; e < edges; e++) if (crossed[e]) fromEdges[fill[edgeFrom[e]!]!++] = e;
  for (const [p, [rise, fall]] of r.endpoints) {
    req[p * 2] = Math.min(req[p * 2]!, rise);
    req[p * 2 + 1] = Math.min(req[p * 2 + 1]!, fall);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const p = order[k]!;
    const net = pinNet[p]!;
    if (isDriver[p] && net >= 0) {
      for (let j = netLoadStart[net]!; j < netLoadStart[net + 1]!; j++) {
        const l = netLoads[j]!;
        for (let rf = 0; rf < 2; rf++) {
          const d = netDelay[l * 4 + rf]!;
          const t = req[l * 2 + rf]! - (Number.isNaN(d) ? 0 : d);
          if (t < req[p * 2 + rf]!) req[p * 2 + rf] = t;
        }
      }
    }
    for (let j = fromStart[p]!; j < fromStart[p + 1]!; j++) {
      const ei = fromEdges[j]!;
      const to = edgeTo[ei]!;
      const sense = edgeSense[ei]!;
      for (let outRf = 0; outRf < 2; outRf++) {
        const downstream = req[to * 2 + outRf]!;
        if (downstream === Infinity) continue;
        for (let inRf = 0; inRf < 2; inRf++) {
          if ((sense & (1 << (outRf * 2 + inRf))) === 0) continue;
          const d = cellDelay[ei * 8 + inRf * 2 + outRf]!;
          if (Number.isNaN(d)) continue;
          const t = downstream - d;
          if (t < req[p * 2 + inRf]!) req[p * 2 + inRf] = t;
        }
      }
    }
  }
  return req;
}
