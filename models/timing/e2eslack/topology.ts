import { inputTransitions, type TimingArc, type TimingGraph } from '../../../eda/timing/index.ts';

/**
 * A timing graph's topology as flat arrays, read by the propagation and the required-time pass
 * instead of the pin, net and edge objects: per pin its net (-1: none), its net's first driver
 * when it is a load (-1: none), whether it drives, its Liberty rise and fall capacitance (F, 0
 * without a Liberty pin); per net its loads as netLoads[netLoadStart[n] .. netLoadStart[n + 1]);
 * per cell edge its from and to pins, its Liberty arc, its role (0 combinational, 1 launch at the
 * clock's rising edge, 2 at its falling edge) and its unateness as a mask (bit outRf * 2 + inRf
 * set when input transition inRf drives output transition outRf: inputTransitions); the cell
 * edges into pin p as intoEdges[intoStart[p] .. intoStart[p + 1]) (graph.edgesInto's order).
 */
export interface FlatTopology {
  readonly pinNet: Int32Array;
  readonly loadDriver: Int32Array;
  readonly isDriver: Uint8Array;
  readonly pinCap: Float64Array;
  readonly netLoadStart: Int32Array;
  readonly netLoads: Int32Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeArc: readonly TimingArc[];
  /** Per cell edge: its Liberty arc's id, dense and the same for the same arc object in every graph of the process (for data kept per library arc in arrays, not maps). */
  readonly edgeArcId: Int32Array;
  readonly edgeRole: Int8Array;
  readonly edgeSense: Uint8Array;
  readonly intoStart: Int32Array;
  readonly intoEdges: Int32Array;
}

/** Per Liberty arc (instances of a cell share their arcs: found once per arc): its dense id and its unateness mask. */
interface ArcEntry {
  readonly id: number;
  readonly sense: number;
}
const arcEntries = new WeakMap<TimingArc, ArcEntry>();
let arcIds = 0;
function arcEntry(arc: TimingArc): ArcEntry {
  let m = arcEntries.get(arc);
  if (m === undefined) {
    let sense = 0;
    for (let outRf = 0; outRf < 2; outRf++) for (const inRf of inputTransitions(arc, outRf)) sense |= 1 << (outRf * 2 + inRf);
    m = { id: arcIds++, sense };
    arcEntries.set(arc, m);
  }
  return m;
}

export function flatTopology(graph: TimingGraph): FlatTopology {
  const n = graph.pins.length;
  const pinNet = new Int32Array(n);
  const isDriver = new Uint8Array(n);
  const pinCap = new Float64Array(n * 2);
  graph.pins.forEach((pin, p) => {
    pinNet[p] = pin.net;
    isDriver[p] = pin.isDriver ? 1 : 0;
    if (pin.libPin) {
      pinCap[p * 2] = pin.libPin.riseCapacitance;
      pinCap[p * 2 + 1] = pin.libPin.fallCapacitance;
    }
  });
  const loadDriver = new Int32Array(n).fill(-1);
  const nets = graph.nets.length;
  const netLoadStart = new Int32Array(nets + 1);
  for (let i = 0; i < nets; i++) netLoadStart[i + 1] = netLoadStart[i]! + graph.nets[i]!.loads.length;
  const netLoads = new Int32Array(netLoadStart[nets]!);
  graph.nets.forEach((net, i) => {
    const d = net.drivers[0];
    let j = netLoadStart[i]!;
    for (const l of net.loads) {
      netLoads[j++] = l;
      if (d !== undefined) loadDriver[l] = d;
    }
  });
  const edges = graph.cellEdges.length;
  const edgeFrom = new Int32Array(edges);
  const edgeTo = new Int32Array(edges);
  const edgeRole = new Int8Array(edges);
  const edgeSense = new Uint8Array(edges);
  const edgeArcId = new Int32Array(edges);
  const edgeArc = graph.cellEdges.map((e, i) => {
    edgeFrom[i] = e.from;
    edgeTo[i] = e.to;
    edgeRole[i] = e.role === 'launch' ? (e.clockEdge === 'rise' ? 1 : 2) : 0;
    const a = arcEntry(e.arc);
    edgeSense[i] = a.sense;
    edgeArcId[i] = a.id;
    return e.arc;
  });
  const intoStart = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) intoStart[p + 1] = intoStart[p]! + graph.edgesInto[p]!.length;
  const intoEdges = new Int32Array(intoStart[n]!);
  for (let p = 0, j = 0; p < n; p++) for (const ei of graph.edgesInto[p]!) intoEdges[j++] = ei;
  return { pinNet, loadDriver, isDriver, pinCap, netLoadStart, netLoads, edgeFrom, edgeTo, edgeArc, edgeArcId, edgeRole, edgeSense, intoStart, intoEdges };
}
