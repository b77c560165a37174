import { tableSegment, type LibertyTable, type TimingArc } from '../../../../eda/timing/index.ts';
import type { SlackGraph } from '../parser/slack-graph.ts';
import type { ModelConstraints } from './constraints.ts';
import { CELL_FEATURES, NET_FEATURES, cellArcFeatures, elmoreEstimate } from './features.ts';
import type { PropagationLevels } from './levels.ts';
import type { MlpRunner } from './mlp.ts';

/**
 * The feature rows of the two message functions, written level by level for the propagation.
 * What does not depend on the predicted slews is worked out once per arc output, not per row:
 * its load, wire and fanout features, and where its load sits on the NLDM tables' load axis; per
 * row only the input-slew segment is searched and the bilinear sums are taken. The values are those of
 * `cellArcFeatures` and `netArcFeatures` (features.ts, the reference definitions) bit for bit:
 * the same operations in the same order; tables not laid out as (input slew, load) go through
 * `cellArcFeatures` itself.
 */

const NS = 1e9;
const FF = 1e15;
const LOAD = 'total_output_net_capacitance';

/** Growable typed buffers kept across calls, so a propagation allocates no row storage once warm. */
function grown<T extends Float64Array | Int32Array | Int8Array>(a: T, size: number): T {
  if (a.length >= size) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/** Whether evalTable reads `t` as a 2-D table, input slew on axis 0 and load on axis 1 (lookupTable's bilinear branch). */
function slewByLoad(t: LibertyTable): boolean {
  const [a0, a1] = t.axes;
  const [v0, v1] = t.variables;
  return a0 !== undefined && a0.length > 1 && a1 !== undefined && a1.length > 1 && v1 === LOAD && v0 !== LOAD && v0 !== 'constrained_pin_transition';
}

function sameAxis(a: readonly number[], b: readonly number[]): boolean {
  return a === b || (a.length === b.length && a.every((v, i) => v === b[i]));
}

/** lookupTable's bilinear expression between rows r0, r1 (slew segment, weight tx) and columns j, j + 1 (load weight ty). */
function bilinear(r0: readonly number[], r1: readonly number[], tx: number, j: number, ty: number): number {
  return (1 - tx) * (1 - ty) * r0[j]! + tx * (1 - ty) * r1[j]! + (1 - tx) * ty * r0[j + 1]! + tx * ty * r1[j + 1]!;
}

/** Per arc output (edge * 2 + outRf): how its tables are read. */
const enum Lookup { Unplanned = 0, Generic, Shared, Separate, NoSlew }

/** How arc output `outRf` of a Liberty arc reads its tables (not Unplanned). */
function lookupOf(arc: TimingArc, outRf: number): Lookup {
  const dt = outRf === 0 ? arc.cellRise : arc.cellFall;
  const st = outRf === 0 ? arc.riseTransition : arc.fallTransition;
  if (!dt || !slewByLoad(dt) || (st && !slewByLoad(st))) return Lookup.Generic;
  return !st ? Lookup.NoSlew : sameAxis(dt.axes[0]!, st.axes[0]!) ? Lookup.Shared : Lookup.Separate;
}

/**
 * Per Liberty arc (by its id, topology.ts's edgeArcId) and output transition, its Lookup, found
 * once per library arc (instances of a cell share its arcs) and kept: Unplanned until first needed.
 */
let arcLookups = new Int8Array(1024);
function arcLookup(arc: TimingArc, id: number, outRf: number): Lookup {
  if (arcLookups.length <= id * 2 + 1) arcLookups = grown(arcLookups, id * 2 + 2);
  let m = arcLookups[id * 2 + outRf]! as Lookup;
  if (m === Lookup.Unplanned) arcLookups[id * 2 + outRf] = m = lookupOf(arc, outRf);
  return m;
}
/** Static cell-arc features per arc output, STATIC values each. */
const STATIC = 7;

export class CellArcRows {
  /**
   * The edge being written, per output transition outRf: its Lookup, its static features
   * (stat[outRf * STATIC ..]) and the load-axis segments and weights of its delay table (at the
   * load and at 1.2x) and slew table (seg and weight[outRf * 3 ..]). Every row of an edge is
   * written right after the edge is planned (`fill` visits each edge once), so two outputs' worth
   * of scratch is all the plan needs: no per-edge arrays, whose scattered writes missed the cache.
   */
  private readonly mode = new Int8Array(2);
  private readonly stat = new Float64Array(2 * STATIC);
  private readonly seg = new Int32Array(6);
  private readonly weight = new Float64Array(6);
  /** Per net: log10 of its rise and fall load (fF) and log2(1 + fanout), NaN until first needed. */
  private netLogs = new Float64Array(0);
  /** The rows written by `fill`: features, and per row its edge, slot, target pin and starting arrival. */
  x: Float64Array = new Float64Array(0);
  rowEdge = new Int32Array(0);
  rowSlot = new Int8Array(0);
  rowPin = new Int32Array(0);
  rowStart = new Float64Array(0);
  private rows = 0;

  /** Starts a propagation: no net's logarithms known yet. */
  begin(g: SlackGraph): void {
    const nets = g.netFanout.length;
    this.netLogs = grown(this.netLogs, nets * 3);
    this.netLogs.fill(NaN, 0, nets * 3);
  }

  /** The static features of output transition outRf of cell edge `edge` (cellArcFeatures' expressions) and its load-axis lookups, into the scratch. */
  private planOutput(g: SlackGraph, edge: number, outRf: number): void {
    const arc = g.edgeArc[edge]!;
    const mode = arcLookup(arc, g.edgeArcId[edge]!, outRf);
    const net = g.pinNet[g.edgeTo[edge]!]!;
    const load = net >= 0 ? g.netLoad[net * 2 + outRf]! : 0;
    const wireR = net >= 0 ? g.netWireRes[net]! / 1e3 : 0;
    const wireC = net >= 0 ? g.netWireCap[net]! : 0;
    // The logarithms depend on the output net alone: found once per net (most nets are driven by several arcs).
    const logs = this.netLogs;
    if (net >= 0 && Number.isNaN(logs[net * 3 + outRf]!)) logs[net * 3 + outRf] = Math.log10(load * FF + 1e-3);
    if (net >= 0 && Number.isNaN(logs[net * 3 + 2]!)) logs[net * 3 + 2] = Math.log2(1 + g.netFanout[net]!);
    const s = this.stat;
    const o = outRf * STATIC;
    s[o] = net >= 0 ? logs[net * 3 + outRf]! : Math.log10(load * FF + 1e-3);
    s[o + 1] = wireR;
    s[o + 2] = load > 0 ? wireC / load : 0;
    s[o + 3] = wireR * wireC * 1e3 * NS;
    s[o + 4] = net >= 0 ? logs[net * 3 + 2]! : 0;
    s[o + 5] = g.edgeRole[edge] !== 0 ? 1 : 0;
    s[o + 6] = load * 0.2 + 1e-15;
    this.mode[outRf] = mode;
    if (mode === Lookup.Generic) return;
    const dt = (outRf === 0 ? arc.cellRise : arc.cellFall)!;
    this.loadAxis(dt, load, outRf * 3);
    this.loadAxis(dt, load * 1.2 + 1e-15, outRf * 3 + 1);
    if (mode !== Lookup.NoSlew) this.loadAxis((outRf === 0 ? arc.riseTransition : arc.fallTransition)!, load, outRf * 3 + 2);
  }

  /** The load axis's segment and weight of table t at load y, in slot k. */
  private loadAxis(t: LibertyTable, y: number, k: number): void {
    const a1 = t.axes[1]!;
    const j = tableSegment(a1, y);
    this.seg[k] = j;
    this.weight[k] = (y - a1[j]!) / (a1[j + 1]! - a1[j]!);
  }

  /**
   * Writes the rows of level l into `network.input(rows)` (the cell network's input buffer) at the
   * predicted slews: per cell output pin of the level, each arc into it (launch arcs from their
   * clock's edge; data arcs from an earlier pin outside the clock network), per output
   * transition, input transition (the arc's unateness) and mode (`modes` 1: late only). Rows
   * whose delay table gives no value are left out, as cellArcFeatures' NaN delay. Returns the row count.
   */
  fill(g: SlackGraph, c: ModelConstraints, lv: PropagationLevels, l: number, modes: number, slew: Float32Array, arrival: Float32Array, network: MlpRunner): number {
    const { edgeFrom, edgeRole, edgeSense, intoStart, intoEdges } = g;
    const first = lv.cellStart[l]!;
    const last = lv.cellStart[l + 1]!;
    // At most four rows (transitions in and out) per arc and mode.
    const most = this.arcsInto(g, lv, first, last) * 4 * modes;
    this.x = network.input(most);
    this.rowEdge = grown(this.rowEdge, most);
    this.rowSlot = grown(this.rowSlot, most);
    this.rowPin = grown(this.rowPin, most);
    this.rowStart = grown(this.rowStart, most);
    this.rows = 0;
    for (let i = first; i < last; i++) {
      const p = lv.cellPins[i]!;
      for (let j = intoStart[p]!; j < intoStart[p + 1]!; j++) {
        const ei = intoEdges[j]!;
        const from = edgeFrom[ei]!;
        const role = edgeRole[ei]!;
        if (role !== 0) {
          const ck = c.clockOf[from]!;
          if (ck < 0) continue;
          const k = c.clocks[ck]!;
          const inRf = role === 1 ? 0 : 1;
          const t0 = k.waveform[inRf]! + (k.propagated ? 0 : k.latencyNs);
          this.planOutput(g, ei, 0);
          this.planOutput(g, ei, 1);
          for (let mm = 0; mm < modes; mm++) {
            for (let outRf = 0; outRf < 2; outRf++) this.row(g, ei, p, mm * 4 + inRf * 2 + outRf, k.slewNs, t0);
          }
          continue;
        }
        if (lv.orderIndex[from]! >= lv.orderIndex[p]! || c.clockOf[from]! >= 0) continue;
        // The arc's unateness (topology.ts): bit outRf * 2 + inRf, input transitions rise before fall as inputTransitions lists them.
        const sense = edgeSense[ei]!;
        for (let outRf = 0; outRf < 2; outRf++) {
          if ((sense >> (outRf * 2)) & 3) this.planOutput(g, ei, outRf);
          for (let inRf = 0; inRf < 2; inRf++) {
            if ((sense & (1 << (outRf * 2 + inRf))) === 0) continue;
            for (let mm = 0; mm < modes; mm++) {
              const src = from * 4 + mm * 2 + inRf;
              this.row(g, ei, p, mm * 4 + inRf * 2 + outRf, slew[src]!, arrival[src]!);
            }
          }
        }
      }
    }
    return this.rows;
  }

  /** The cell edges into the level's pins first .. last - 1 of lv.cellPins. */
  private arcsInto(g: SlackGraph, lv: PropagationLevels, first: number, last: number): number {
    let arcs = 0;
    for (let i = first; i < last; i++) {
      const p = lv.cellPins[i]!;
      arcs += g.intoStart[p + 1]! - g.intoStart[p]!;
    }
    return arcs;
  }

  /** Writes the row of cell edge `edge` in `slot` (mm * 4 + inRf * 2 + outRf) into pin p at input slew inSlewNs, unless its delay table gives no value. */
  private row(g: SlackGraph, edge: number, p: number, slot: number, inSlewNs: number, start: number): void {
    const outRf = slot & 1;
    const mm = slot >> 2;
    const { x, stat, seg, weight } = this;
    const o = this.rows * CELL_FEATURES;
    const mode = this.mode[outRf]!;
    if (mode === Lookup.Generic) cellArcFeatures(g, edge, outRf, mm, inSlewNs, x, o);
    else {
      const arc = g.edgeArc[edge]!;
      const dt = (outRf === 0 ? arc.cellRise : arc.cellFall)!;
      const xs = inSlewNs / NS;
      const a0 = dt.axes[0]!;
      const i = tableSegment(a0, xs);
      const tx = (xs - a0[i]!) / (a0[i + 1]! - a0[i]!);
      const q3 = outRf * 3;
      const d = bilinear(dt.values[i]!, dt.values[i + 1]!, tx, seg[q3]!, weight[q3]!) * NS;
      const d2 = bilinear(dt.values[i]!, dt.values[i + 1]!, tx, seg[q3 + 1]!, weight[q3 + 1]!) * NS;
      let s = 0;
      if (mode !== Lookup.NoSlew) {
        const st = (outRf === 0 ? arc.riseTransition : arc.fallTransition)!;
        let si = i;
        let stx = tx;
        if (mode === Lookup.Separate) {
          const b0 = st.axes[0]!;
          si = tableSegment(b0, xs);
          stx = (xs - b0[si]!) / (b0[si + 1]! - b0[si]!);
        }
        s = bilinear(st.values[si]!, st.values[si + 1]!, stx, seg[q3 + 2]!, weight[q3 + 2]!) * NS;
      }
      const so = outRf * STATIC;
      x[o] = d;
      x[o + 1] = s;
      x[o + 2] = inSlewNs;
      x[o + 3] = stat[so]!;
      x[o + 4] = stat[so + 1]!;
      x[o + 5] = stat[so + 2]!;
      x[o + 6] = ((d2 - d) / stat[so + 6]!) * 1e-12; // ns/F -> kohm
      x[o + 7] = stat[so + 3]!;
      x[o + 8] = outRf;
      x[o + 9] = mm;
      x[o + 10] = stat[so + 4]!;
      x[o + 11] = stat[so + 5]!;
    }
    if (Number.isNaN(x[o]!)) return;
    const r = this.rows++;
    this.rowEdge[r] = edge;
    this.rowSlot[r] = slot;
    this.rowPin[r] = p;
    this.rowStart[r] = start;
  }
}

/**
 * Writes the net-arc rows of load pin `load` (its `slots` rows: transition rf = k & 1, mode k >> 1)
 * at `out[offset..]`, its driver's slews from `slew`: netArcFeatures' values, the per-pin ones
 * computed once rather than per row.
 */
export function netArcRows(g: SlackGraph, load: number, driver: number, slots: number, slew: Float32Array, out: Float64Array, offset: number): void {
  const net = g.pinNet[load]!;
  const path = g.pathLength[load]! / 100;
  const steiner = net >= 0 ? g.netSteiner[net]! / 100 : 0;
  const hpwl = net >= 0 ? g.netHpwl[net]! / 100 : 0;
  const elmore = elmoreEstimate(g, load);
  const fanout = net >= 0 ? Math.log2(1 + g.netFanout[net]!) : 0;
  const wireR = net >= 0 ? g.netWireRes[net]! / 1e3 : 0;
  for (let k = 0; k < slots; k++) {
    const rf = k & 1;
    const o = offset + k * NET_FEATURES;
    out[o] = slew[driver * 4 + k]!;
    out[o + 1] = path;
    out[o + 2] = steiner;
    out[o + 3] = hpwl;
    out[o + 4] = elmore;
    out[o + 5] = g.pinCap[load * 2 + rf]! * FF;
    out[o + 6] = fanout;
    out[o + 7] = net >= 0 ? g.netLoad[net * 2 + rf]! * FF / 100 : 0;
    out[o + 8] = wireR;
    out[o + 9] = rf;
    out[o + 10] = k >> 1;
  }
}
