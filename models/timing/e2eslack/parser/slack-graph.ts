import type { Def, Lef, LibertyLibrary, Sdc, TimingGraph } from '../../../../eda/timing/index.ts';
import { halfPerimeter, layerPairFor, netPoints, pinShapes, routeTechnology, steinerTree, type RouteTechnology } from '../../../../eda/route-estimate/index.ts';

/**
 * The TimingParser's output: the timing graph (pins; net arcs driver -> load; cell arcs with
 * their Liberty tables) with placement-derived features. Everything a slack prediction needs,
 * nothing from a routing or an STA run.
 */
export interface SlackGraph {
  readonly graph: TimingGraph;
  readonly libs: LibertyLibrary[];
  readonly sdc: Sdc;
  readonly tech: RouteTechnology;
  /** Pin locations (microns; NaN when unplaced) and the die size. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly die: { width: number; height: number };
  /** Per net: half-perimeter and Steiner length (microns), fanout, wire R (ohm) and C (F) estimated from the LEF layers. */
  readonly netHpwl: Float32Array;
  readonly netSteiner: Float32Array;
  readonly netFanout: Int32Array;
  readonly netWireRes: Float32Array;
  readonly netWireCap: Float32Array;
  /** Per load pin: Steiner path length from its driver (microns) and Manhattan distance. */
  readonly pathLength: Float32Array;
  readonly manhattan: Float32Array;
  /** Per net and transition: lumped load (F): sink pin caps + wire C + set_load. */
  readonly netLoad: Float32Array;
  /** Per net: sink pin caps only (F, rise). */
  readonly netPinCap: Float32Array;
}

/** Per-micron R and C of the layer pair a net of this length is routed on. */
function pairRC(tech: RouteTechnology, length: number): { r: number; c: number } {
  const [h, v] = tech.pairs[layerPairFor(length, tech, {})]!;
  const lh = tech.layers[h]!;
  const lv = tech.layers[v]!;
  return { r: (lh.r + lv.r) / 2, c: (lh.c + lv.c) / 2 };
}

/**
 * Builds the slack graph of a placed design: pin access points from DEF + LEF, a Steiner tree per
 * net for its length and each load's path length, wire R and C per micron from the LEF, lumped
 * loads with the SDC's set_load. `portLoad` gives the set_load capacitance per port pin.
 */
export function parseSlackGraph(graph: TimingGraph, libs: LibertyLibrary[], sdc: Sdc, def: Def, lef: Lef, portLoad: ReadonlyMap<number, number>, tech = routeTechnology(lef)): SlackGraph {
  const nPins = graph.pins.length;
  const nNets = graph.nets.length;
  const x = new Float32Array(nPins).fill(NaN);
  const y = new Float32Array(nPins).fill(NaN);
  const netHpwl = new Float32Array(nNets);
  const netSteiner = new Float32Array(nNets);
  const netFanout = new Int32Array(nNets);
  const netWireRes = new Float32Array(nNets);
  const netWireCap = new Float32Array(nNets);
  const pathLength = new Float32Array(nPins);
  const manhattan = new Float32Array(nPins);
  const netLoad = new Float32Array(nNets * 2);
  const netPinCap = new Float32Array(nNets);
  const accessC = tech.pinAccessLength * tech.pinLayerC;
  for (const pn of netPoints(graph, pinShapes(graph, def, lef))) {
    const { xs, ys } = pn;
    pn.graphPins.forEach((gp, i) => {
      x[gp] = xs[i]!;
      y[gp] = ys[i]!;
    });
    const tree = steinerTree(xs, ys);
    const rc = pairRC(tech, tree.length);
    netHpwl[pn.net] = halfPerimeter(xs, ys);
    netSteiner[pn.net] = tree.length;
    netWireRes[pn.net] = tree.length * rc.r;
    netWireCap[pn.net] = tree.length * rc.c + pn.graphPins.length * accessC;
    // Path length from the root along the tree, nodes visited parents first.
    const dist = new Float64Array(tree.xs.length);
    const done = new Uint8Array(tree.xs.length);
    done[0] = 1;
    const chain: number[] = [];
    const resolve = (v: number): number => {
      // Up to a node already measured, then back down the chain (no recursion: trees can be deep).
      let u = v;
      while (!done[u]) {
        chain.push(u);
        u = tree.parent[u]!;
      }
      while (chain.length > 0) {
        const w = chain.pop()!;
        const p = tree.parent[w]!;
        dist[w] = dist[p]! + Math.abs(tree.xs[w]! - tree.xs[p]!) + Math.abs(tree.ys[w]! - tree.ys[p]!);
        done[w] = 1;
      }
      return dist[v]!;
    };
    for (let i = 1; i < pn.graphPins.length; i++) {
      const gp = pn.graphPins[i]!;
      pathLength[gp] = resolve(i);
      manhattan[gp] = Math.abs(xs[i]! - xs[0]!) + Math.abs(ys[i]! - ys[0]!);
    }
  }
  graph.nets.forEach((n, ni) => {
    netFanout[ni] = n.loads.length;
    let rise = netWireCap[ni]!;
    let fall = rise;
    let pins = 0;
    for (const l of n.loads) {
      const lp = graph.pins[l]!.libPin;
      if (lp) {
        rise += lp.riseCapacitance;
        fall += lp.fallCapacitance;
        pins += lp.riseCapacitance;
      }
      const extra = portLoad.get(l) ?? 0;
      rise += extra;
      fall += extra;
    }
    netLoad[ni * 2] = rise;
    netLoad[ni * 2 + 1] = fall;
    netPinCap[ni] = pins;
  });
  const die = def.dieArea ? { width: (def.dieArea.x2 - def.dieArea.x1) / (def.dbuPerMicron || 1000), height: (def.dieArea.y2 - def.dieArea.y1) / (def.dbuPerMicron || 1000) } : { width: 1, height: 1 };
  return { graph, libs, sdc, tech, x, y, die, netHpwl, netSteiner, netFanout, netWireRes, netWireCap, pathLength, manhattan, netLoad, netPinCap };
}
