import type { RcNet } from './rc-net.ts';

export interface WireDelays {
  /** Elmore delay (first moment) from the root to each pin node, seconds. */
  readonly elmore: Float64Array;
  /** D2M delay (ln 2 * m1^2 / sqrt(m2)), seconds; Elmore's tighter two-moment sibling. */
  readonly d2m: Float64Array;
  /** Total capacitance downstream of the root (wire + loads), farads. */
  readonly totalCap: number;
}

/** Nodes in an order where every parent comes before its children. */
export function topDown(net: RcNet): number[] {
  const children: number[][] = net.nodes.map(() => []);
  let root = 0;
  net.parent.forEach((p, i) => (p >= 0 ? children[p]!.push(i) : (root = i)));
  const order = [root];
  for (let k = 0; k < order.length; k++) for (const c of children[order[k]!]!) order.push(c);
  return order;
}

/**
 * First and second moments of the impulse response at every pin of an RC tree, with `loadCap`
 * (farads) added at each pin node (load pin capacitances; 0 for the driver).
 */
export function wireDelays(net: RcNet, loadCap: (pin: number) => number): WireDelays {
  const n = net.nodes.length;
  const order = topDown(net);
  const c = Float64Array.from(net.cap);
  for (let i = 1; i < net.pins; i++) c[i]! += loadCap(i);
  // m1: downstream capacitance sums, then R * downstream C accumulated from the root.
  const down = Float64Array.from(c);
  for (let k = order.length - 1; k > 0; k--) {
    const v = order[k]!;
    down[net.parent[v]!]! += down[v]!;
  }
  const m1 = new Float64Array(n);
  for (let k = 1; k < order.length; k++) {
    const v = order[k]!;
    m1[v] = m1[net.parent[v]!]! + net.res[v]! * down[v]!;
  }
  // m2: the same with each node's capacitance weighted by its m1.
  const down2 = new Float64Array(n);
  for (let i = 0; i < n; i++) down2[i] = c[i]! * m1[i]!;
  for (let k = order.length - 1; k > 0; k--) {
    const v = order[k]!;
    down2[net.parent[v]!]! += down2[v]!;
  }
  const m2 = new Float64Array(n);
  for (let k = 1; k < order.length; k++) {
    const v = order[k]!;
    m2[v] = m2[net.parent[v]!]! + net.res[v]! * down2[v]!;
  }
  const elmore = new Float64Array(net.pins);
  const d2m = new Float64Array(net.pins);
  for (let i = 0; i < net.pins; i++) {
    elmore[i] = m1[i]!;
    d2m[i] = m2[i]! > 0 ? (Math.LN2 * m1[i]! * m1[i]!) / Math.sqrt(m2[i]!) : 0;
  }
  return { elmore, d2m, totalCap: down[order[0]!]! };
}
