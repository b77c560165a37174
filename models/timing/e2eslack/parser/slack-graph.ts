import { flatTopology, type FlatTopology } from '../topology.ts';
import { resolvePins, type Def, type DelayAnnotation, type Lef, type LibertyLibrary, type Sdc, type TimingGraph } from '../../../../eda/timing/index.ts';
import { halfPerimeter, layerPairFor, netPoints, pinBoxes, pinShapes, routeTechnology, singleTrunk, spanningPaths, steinerTree, trunkPath, type PinBoxes, type RouteTechnology } from '../../../../eda/route-estimate/index.ts';

/**
 * How the parser estimates each net's topology: 'steiner' reaches every pin at its LEF access
 * point and builds the routing estimate's rectilinear Steiner tree (the same trees as the ground-truth
 * flow, about as costly); 'trunk' reaches each pin at the point of its first LEF rectangle nearest
 * the centre of the net's other pins and builds a single-trunk tree, O(pins) per net (beyond
 * three pins the shorter of it and a spanning tree). `netSteiner` and `pathLength` hold the chosen tree's lengths.
 */
export type NetGeometry = 'steiner' | 'trunk';

/**
 * The TimingParser's output: the timing graph (pins; net arcs driver -> load; cell arcs with
 * their Liberty tables) with placement-derived features, and its topology as flat arrays
 * (FlatTopology). Everything a slack prediction needs, nothing from a routing or an STA run.
 */
export interface SlackGraph extends FlatTopology {
  readonly graph: TimingGraph;
  readonly libs: LibertyLibrary[];
  readonly sdc: Sdc;
  readonly tech: RouteTechnology;
  readonly geometry: NetGeometry;
  /**
   * Delays from an SDF of a prior run (cell arcs, interconnects, timing checks), when given: the
   * arcs it names take its delays, as STA takes them; the model predicts the slews and the rest.
   */
  readonly sdf?: DelayAnnotation;
  /** Pin locations (microns; NaN when unplaced) and the die size. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly die: { width: number; height: number };
  /** Per net: half-perimeter and tree length (microns; see NetGeometry), fanout, wire R (ohm) and C (F) estimated from the LEF layers. */
  readonly netHpwl: Float32Array;
  readonly netSteiner: Float32Array;
  readonly netFanout: Int32Array;
  readonly netWireRes: Float32Array;
  readonly netWireCap: Float32Array;
  /** Per load pin: path length along the tree from its driver (microns) and Manhattan distance. */
  readonly pathLength: Float32Array;
  readonly manhattan: Float32Array;
  /** Per net and transition: lumped load (F): sink pin caps + wire C + set_load. */
  readonly netLoad: Float32Array;
  /** Per net: sink pin caps only (F, rise). */
  readonly netPinCap: Float32Array;
}

/** Where a net's wire features go: per net its tree length, wire R and C (with an access stub's C per pin). */
interface Wires {
  readonly tech: RouteTechnology;
  readonly accessC: number;
  readonly netSteiner: Float32Array;
  readonly netWireRes: Float32Array;
  readonly netWireCap: Float32Array;
}

/** A net's tree length and its wire R and C from the layer pair a net of that length is routed on. */
function setWire(w: Wires, net: number, length: number, pins: number): void {
  const rc = pairRC(w.tech, length);
  w.netSteiner[net] = length;
  w.netWireRes[net] = length * rc.r;
  w.netWireCap[net] = length * rc.c + pins * w.accessC;
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
export interface ParseOptions {
  /** Routing layers and vias (default: from the LEF). */
  readonly tech?: RouteTechnology;
  readonly geometry?: NetGeometry;
  /** An SDF's delays for the graph (eda/timing's sdfAnnotation). */
  readonly sdf?: DelayAnnotation;
}

export function parseSlackGraph(graph: TimingGraph, libs: LibertyLibrary[], sdc: Sdc, def: Def, lef: Lef, portLoad: ReadonlyMap<number, number>, options: ParseOptions = {}): SlackGraph {
  const { tech = routeTechnology(lef), geometry = 'steiner', sdf } = options;
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
  const wires: Wires = { tech, accessC: tech.pinAccessLength * tech.pinLayerC, netSteiner, netWireRes, netWireCap };
  const topology = flatTopology(graph);
  if (geometry === 'trunk') trunkGeometry(topology, pinBoxes(graph, def, lef), x, y, netHpwl, pathLength, manhattan, wires, clockSourceNets(graph, sdc));
  else {
    for (const pn of netPoints(graph, pinShapes(graph, def, lef))) {
      const { xs, ys } = pn;
      pn.graphPins.forEach((gp, i) => {
        x[gp] = xs[i]!;
        y[gp] = ys[i]!;
      });
      const tree = steinerTree(xs, ys);
      netHpwl[pn.net] = halfPerimeter(xs, ys);
      setWire(wires, pn.net, tree.length, pn.graphPins.length);
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
  }
  const { netLoadStart, netLoads, pinCap } = topology;
  // The sums skip the zeros the loop over pin objects added (a pin without a Liberty pin, a load without set_load): the same values.
  const hasPortLoad = new Uint8Array(nPins);
  for (const p of portLoad.keys()) hasPortLoad[p] = 1;
  for (let ni = 0; ni < nNets; ni++) {
    netFanout[ni] = netLoadStart[ni + 1]! - netLoadStart[ni]!;
    let rise = netWireCap[ni]!;
    let fall = rise;
    let pins = 0;
    for (let j = netLoadStart[ni]!; j < netLoadStart[ni + 1]!; j++) {
      const l = netLoads[j]!;
      rise += pinCap[l * 2]!;
      fall += pinCap[l * 2 + 1]!;
      pins += pinCap[l * 2]!;
      if (hasPortLoad[l]) {
        const extra = portLoad.get(l)!;
        rise += extra;
        fall += extra;
      }
    }
    netLoad[ni * 2] = rise;
    netLoad[ni * 2 + 1] = fall;
    netPinCap[ni] = pins;
  }
  const die = def.dieArea ? { width: (def.dieArea.x2 - def.dieArea.x1) / (def.dbuPerMicron || 1000), height: (def.dieArea.y2 - def.dieArea.y1) / (def.dbuPerMicron || 1000) } : { width: 1, height: 1 };
  // Every field written out, sdf included when absent: one object shape for every graph. Built by
  // spreading, each graph's shape came from transitions that a full garbage collection drops once
  // no graph is alive, and with it the optimized code of every function reading a graph's fields
  // (parse, propagation, slack), which then ran unoptimized again: about three times the CPU time
  // of the next prediction in a process that collects between predictions.
  const t = topology;
  return {
    graph, libs, sdc, tech, geometry, sdf, x, y, die, netHpwl, netSteiner, netFanout, netWireRes, netWireCap, pathLength, manhattan, netLoad, netPinCap,
    pinNet: t.pinNet, loadDriver: t.loadDriver, isDriver: t.isDriver, pinCap: t.pinCap, netLoadStart: t.netLoadStart, netLoads: t.netLoads,
    edgeFrom: t.edgeFrom, edgeTo: t.edgeTo, edgeArc: t.edgeArc, edgeArcId: t.edgeArcId, edgeRole: t.edgeRole, edgeSense: t.edgeSense, intoStart: t.intoStart, intoEdges: t.intoEdges,
  };
}

/**
 * The nets driven by a clock source of the SDC (1 per net). The model's clocks are ideal: nothing
 * it computes reads these nets' geometry (their loads are clock pins), and they are the widest
 * nets of a design (2,351 and 3,773 loads on y_huff and usbf_device), where the spanning tree is quadratic.
 */
function clockSourceNets(graph: TimingGraph, sdc: Sdc): Uint8Array {
  const nets = new Uint8Array(graph.nets.length);
  for (const clock of sdc.clocks) {
    for (const q of clock.sources) {
      for (const p of resolvePins(graph, q, sdc)) {
        const pin = graph.pins[p]!;
        if (pin.isDriver && pin.net >= 0) nets[pin.net] = 1;
      }
    }
  }
  return nets;
}

/**
 * The 'trunk' geometry: per driven net with two or more placed pins (driver first, then its loads
 * in order, from the flat topology), the half-perimeter, the single-trunk length (through
 * `setWire`; beyond three pins the spanning tree's where shorter) and each load's path along that
 * tree and Manhattan distance from the driver; each pin reached at the point of its box nearest
 * the centre of the net's other pins (the routing estimate's access points, from the first
 * rectangle alone).
 */
function trunkGeometry(topology: FlatTopology, box: PinBoxes, x: Float32Array, y: Float32Array, netHpwl: Float32Array, pathLength: Float32Array, manhattan: Float32Array, wires: Wires, trunkOnly: Uint8Array): void {
  const { netLoadStart, netLoads, loadDriver } = topology;
  let xs = new Float64Array(64);
  let ys = new Float64Array(64);
  let paths = new Float64Array(64);
  let pins = new Int32Array(64);
  const nets = netLoadStart.length - 1;
  for (let ni = 0; ni < nets; ni++) {
    const first = netLoadStart[ni]!;
    const last = netLoadStart[ni + 1]!;
    if (last === first) continue;
    const driver = loadDriver[netLoads[first]!]!;
    if (driver < 0 || Number.isNaN(box[driver * 4]!)) continue;
    if (pins.length <= last - first) {
      const size = (last - first + 1) * 2;
      pins = new Int32Array(size);
      xs = new Float64Array(size);
      ys = new Float64Array(size);
      paths = new Float64Array(size);
    }
    let k = 0;
    pins[k++] = driver;
    for (let j = first; j < last; j++) {
      const l = netLoads[j]!;
      if (!Number.isNaN(box[l * 4]!)) pins[k++] = l;
    }
    if (k < 2) continue;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < k; i++) {
      const b = pins[i]! * 4;
      sx += (box[b]! + box[b + 2]!) / 2;
      sy += (box[b + 1]! + box[b + 3]!) / 2;
    }
    for (let i = 0; i < k; i++) {
      const b = pins[i]! * 4;
      // The centre of the other pins, clamped into this pin's box.
      const ox = (sx - (box[b]! + box[b + 2]!) / 2) / (k - 1);
      const oy = (sy - (box[b + 1]! + box[b + 3]!) / 2) / (k - 1);
      xs[i] = Math.min(Math.max(ox, box[b]!), box[b + 2]!);
      ys[i] = Math.min(Math.max(oy, box[b + 1]!), box[b + 3]!);
      x[pins[i]!] = xs[i]!;
      y[pins[i]!] = ys[i]!;
    }
    const t = singleTrunk(xs, ys, k);
    netHpwl[ni] = t.halfPerimeter;
    // Beyond three pins a single trunk can be far longer than a spanning tree (wide, high-fanout nets): the shorter one counts.
    // Clock-source nets keep the single trunk (see clockSourceNets): no quadratic spanning tree for a geometry nobody reads.
    const mst = k > 3 && !trunkOnly[ni] ? spanningPaths(xs.subarray(0, k), ys.subarray(0, k), paths) : Infinity;
    const useMst = mst < t.length;
    setWire(wires, ni, useMst ? mst : t.length, k);
    for (let i = 1; i < k; i++) {
      const gp = pins[i]!;
      pathLength[gp] = useMst ? paths[i]! : trunkPath(t, xs, ys, 0, i);
      manhattan[gp] = Math.abs(xs[i]! - xs[0]!) + Math.abs(ys[i]! - ys[0]!);
    }
  }
}
