import { evalTable, type LibertyTable, type TimingArc } from '../../../../eda/timing/index.ts';
import type { SlackGraph } from '../parser/slack-graph.ts';

/**
 * Edge features of the two message functions. Cell arcs: the NLDM delay and slew at the input
 * slew and the net's lumped load (what the tables say), with what the tables do not see (the
 * wire's resistance against the cell's drive). Net arcs: lengths along the Steiner tree, wire R
 * and C from the LEF and an Elmore-style estimate. Times in ns, capacitances in fF, resistances
 * in kohm.
 */
export const CELL_FEATURES = 12;
export const NET_FEATURES = 11;

const NS = 1e9;
const FF = 1e15;

/** NLDM delay and slew (ns) of an arc for an output transition at an input slew (ns) and load (F). */
export function tableDelay(arc: TimingArc, outRf: number, inSlewNs: number, load: number): [number, number] {
  const d = outRf === 0 ? arc.cellRise : arc.cellFall;
  const s = outRf === 0 ? arc.riseTransition : arc.fallTransition;
  if (!d) return [NaN, NaN];
  const at = { inputSlew: inSlewNs / NS, load, constrainedSlew: 0 };
  return [evalTable(d, at) * NS, s ? evalTable(s, at) * NS : 0];
}

// One reusable lookup point: the hot loop allocates nothing.
const at = { inputSlew: 0, load: 0, constrainedSlew: 0 };

function lookup(table: LibertyTable | undefined, inSlewNs: number, load: number, missing: number): number {
  if (!table) return missing;
  at.inputSlew = inSlewNs / NS;
  at.load = load;
  return evalTable(table, at) * NS;
}

/**
 * Writes the features of cell arc `edge` (graph cell edge) for one transition pair and mode at
 * `out[offset..]`; features 0 and 1 are the table delay and slew (NaN delay when the arc has no
 * table for the transition), the values the model corrects.
 */
export function cellArcFeatures(g: SlackGraph, edge: number, outRf: number, mm: number, inSlewNs: number, out: Float32Array | Float64Array, offset: number): void {
  const e = g.graph.cellEdges[edge]!;
  const net = g.graph.pins[e.to]!.net;
  const load = net >= 0 ? g.netLoad[net * 2 + outRf]! : 0;
  const dt = outRf === 0 ? e.arc.cellRise : e.arc.cellFall;
  const st = outRf === 0 ? e.arc.riseTransition : e.arc.fallTransition;
  const d = lookup(dt, inSlewNs, load, NaN);
  const s = lookup(st, inSlewNs, load, 0);
  const d2 = lookup(dt, inSlewNs, load * 1.2 + 1e-15, NaN);
  const driveKohm = ((d2 - d) / (load * 0.2 + 1e-15)) * 1e-12; // ns/F -> kohm
  const wireR = net >= 0 ? g.netWireRes[net]! / 1e3 : 0;
  const wireC = net >= 0 ? g.netWireCap[net]! : 0;
  out[offset] = d;
  out[offset + 1] = s;
  out[offset + 2] = inSlewNs;
  out[offset + 3] = Math.log10(load * FF + 1e-3);
  out[offset + 4] = wireR;
  out[offset + 5] = load > 0 ? wireC / load : 0;
  out[offset + 6] = driveKohm;
  out[offset + 7] = wireR * wireC * 1e3 * NS;
  out[offset + 8] = outRf;
  out[offset + 9] = mm;
  out[offset + 10] = net >= 0 ? Math.log2(1 + g.netFanout[net]!) : 0;
  out[offset + 11] = e.role === 'launch' ? 1 : 0;
}

/** Elmore-style wire delay estimate (ns) from a net's driver to a load: path R times half the wire C plus the pins. */
export function elmoreEstimate(g: SlackGraph, load: number): number {
  const net = g.pinNet[load]!;
  if (net < 0) return 0;
  const steiner = g.netSteiner[net]!;
  const rPath = steiner > 0 ? (g.netWireRes[net]! * g.pathLength[load]!) / steiner : 0;
  return rPath * (g.netWireCap[net]! / 2 + g.netPinCap[net]!) * NS;
}

/** Writes the features of the net arc into load pin `load` for a transition and mode. */
export function netArcFeatures(g: SlackGraph, load: number, rf: number, mm: number, driverSlewNs: number, out: Float32Array | Float64Array, offset: number): void {
  const net = g.graph.pins[load]!.net;
  const lp = g.graph.pins[load]!.libPin;
  out[offset] = driverSlewNs;
  out[offset + 1] = g.pathLength[load]! / 100;
  out[offset + 2] = net >= 0 ? g.netSteiner[net]! / 100 : 0;
  out[offset + 3] = net >= 0 ? g.netHpwl[net]! / 100 : 0;
  out[offset + 4] = elmoreEstimate(g, load);
  out[offset + 5] = lp ? (rf === 0 ? lp.riseCapacitance : lp.fallCapacitance) * FF : 0;
  out[offset + 6] = net >= 0 ? Math.log2(1 + g.netFanout[net]!) : 0;
  out[offset + 7] = net >= 0 ? g.netLoad[net * 2 + rf]! * FF / 100 : 0;
  out[offset + 8] = net >= 0 ? g.netWireRes[net]! / 1e3 : 0;
  out[offset + 9] = rf;
  out[offset + 10] = mm;
}
