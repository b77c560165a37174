import { UserError } from '../../../util/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { Spef, SpefNet } from '../spef/index.ts';
import { piFromMoments, throughResistor, type Moments, type PiModel } from './effective-cap.ts';
import type { NetParasitics, ParasiticsSource } from './parasitics.ts';
import { pinCap } from './wire-load.ts';

/** The graph pin a SPEF node names (`inst:pin` or a port), or undefined for an internal node. */
function graphPinOf(graph: TimingGraph, spef: Spef, node: string): number | undefined {
  const d = node.lastIndexOf(spef.delimiter);
  if (d > 0) {
    const p = graph.pinIndex.get(`${node.slice(0, d)}/${node.slice(d + 1)}`);
    if (p !== undefined) return p;
  }
  return graph.pinIndex.get(node);
}

/** An RC tree rooted at the driver: per node, its ground cap, parent and resistance to it. */
interface RcTree {
  nodes: string[];
  cap: number[];
  parent: number[];
  res: number[];
  /** Graph pin of each node, -1 for internal nodes. */
  pin: number[];
  /** Nodes in BFS order from the root. */
  order: number[];
}

function buildTree(graph: TimingGraph, spef: Spef, net: SpefNet, driver: number): RcTree | undefined {
  const index = new Map<string, number>();
  const tree: RcTree = { nodes: [], cap: [], parent: [], res: [], pin: [], order: [] };
  const node = (n: string) => {
    let i = index.get(n);
    if (i === undefined) {
      i = tree.nodes.length;
      index.set(n, i);
      tree.nodes.push(n);
      tree.cap.push(0);
      tree.parent.push(-1);
      tree.res.push(0);
      tree.pin.push(graphPinOf(graph, spef, n) ?? -1);
    }
    return i;
  };
  for (const c of net.conns) node(c.name);
  const adj: [number, number][][] = [];
  for (const r of net.res) {
    const a = node(r.a);
    const b = node(r.b);
    while (adj.length < tree.nodes.length) adj.push([]);
    adj[a]!.push([b, r.value]);
    adj[b]!.push([a, r.value]);
  }
  // Coupling caps are grounded (OpenSTA's default without -keep_capacitive_coupling) at this
  // net's end of the pair, which SPEF may write first or second.
  for (const c of net.caps) {
    const own = c.other !== undefined && !index.has(c.node) && index.has(c.other) ? c.other : c.node;
    tree.cap[node(own)]! += c.value;
  }
  while (adj.length < tree.nodes.length) adj.push([]);
  const root = tree.pin.indexOf(driver);
  if (root < 0) return undefined;
  const seen = new Uint8Array(tree.nodes.length);
  seen[root] = 1;
  tree.order.push(root);
  for (let k = 0; k < tree.order.length; k++) {
    const u = tree.order[k]!;
    for (const [v, r] of adj[u] ?? []) {
      if (seen[v]) continue; // a resistor closing a loop is ignored: the tree keeps the first path
      seen[v] = 1;
      tree.parent[v] = u;
      tree.res[v] = r;
      tree.order.push(v);
    }
  }
  return tree;
}

/** Elmore delays to every node and the pi model at the root, with load pin caps for one transition. */
function analyze(graph: TimingGraph, tree: RcTree, rf: number): { elmore: Float64Array; pi: PiModel } {
  const n = tree.nodes.length;
  const moments: Moments[] = tree.cap.map((c, i) => ({ y1: c + (tree.pin[i]! >= 0 && i !== tree.order[0] ? pinCap(graph, tree.pin[i]!, rf) : 0), y2: 0, y3: 0 }));
  for (let k = tree.order.length - 1; k >= 0; k--) {
    const v = tree.order[k]!;
    const p = tree.parent[v]!;
    if (p < 0) continue;
    const up = throughResistor(moments[v]!, tree.res[v]!);
    const m = moments[p]!;
    m.y1 += up.y1;
    m.y2 += up.y2;
    m.y3 += up.y3;
  }
  // After the bottom-up pass each node's y1 is its downstream capacitance.
  const elmore = new Float64Array(n);
  for (const v of tree.order) {
    const p = tree.parent[v]!;
    if (p >= 0) elmore[v] = elmore[p]! + tree.res[v]! * moments[v]!.y1;
  }
  return { elmore, pi: piFromMoments(moments[tree.order[0]!]!) };
}

/**
 * Parasitics from a SPEF file: per net, the total wire capacitance, the Elmore delay from the
 * driver to each load over the extracted RC tree, and the pi model for effective capacitance.
 * Nets missing from the SPEF stay ideal.
 */
export function spefParasitics(graph: TimingGraph, spef: Spef): ParasiticsSource {
  const byNet = new Map<number, SpefNet>();
  for (const [name, net] of spef.nets) {
    const i = graph.netIndex.get(name) ?? graph.netIndex.get(name.replace(new RegExp(`\\${spef.divider}`, 'g'), '/'));
    if (i !== undefined) byNet.set(i, net);
  }
  if (byNet.size === 0 && spef.nets.size > 0) {
    throw new UserError(`SPEF: none of the ${spef.nets.size} nets of ${spef.file} is in the netlist`, spef.file, 'give the SPEF extracted from this netlist');
  }
  return (ni) => {
    const net = byNet.get(ni);
    const driver = graph.nets[ni]!.drivers[0];
    if (!net || driver === undefined) return undefined;
    const tree = buildTree(graph, spef, net, driver);
    let wireCap = 0;
    for (const c of net.caps) wireCap += c.value;
    if (!tree) return { wireCap, wireDelay: () => 0 };
    const results = [analyze(graph, tree, 0), analyze(graph, tree, 1)];
    const nodeOfPin = new Map<number, number>();
    tree.pin.forEach((p, i) => {
      if (p >= 0) nodeOfPin.set(p, i);
    });
    const result: NetParasitics = {
      wireCap,
      wireDelay: (load, rf) => {
        const i = nodeOfPin.get(load);
        return i === undefined ? 0 : results[rf]!.elmore[i]!;
      },
      pi: (rf) => results[rf]!.pi,
    };
    return result;
  };
}
