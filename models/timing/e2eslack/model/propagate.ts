import type { NetGeometry, SlackGraph } from '../parser/slack-graph.ts';
import { CellArcRows, netArcRows } from './arc-rows.ts';
import type { ModelConstraints } from './constraints.ts';
import { CELL_FEATURES, NET_FEATURES } from './features.ts';
import { propagationLevels } from './levels.ts';
import { mlpRunner, type MlpWeights } from './mlp.ts';

/** The learned message functions: cell arcs correct the NLDM delay and slew, net arcs an Elmore estimate. */
export interface MessageFunctions {
  readonly cell: MlpWeights;
  readonly net: MlpWeights;
  /** Output scales (ns): cell [delay, slew] and net [delay, slew] residuals are predicted in these units. */
  readonly cellScale: readonly [number, number];
  readonly netScale: readonly [number, number];
  /** The TimingParser geometry the functions expect (parse the design with it). */
  readonly geometry: NetGeometry;
}

/** Predicted timing in ns, laid out like TimingLabels. */
export interface Prediction {
  /** arrival[pin * 4 + mm * 2 + rf] (mm 0 late, 1 early); NaN where no data path arrives. */
  readonly arrival: Float32Array;
  readonly slew: Float32Array;
  /** Predicted cell arc delays [edge * 8 + mm * 4 + inRf * 2 + outRf] and net delays [load * 4 + mm * 2 + rf]. */
  readonly cellDelay: Float32Array;
  readonly netDelay: Float32Array;
}

const cellRows = new CellArcRows();
let netDriver = new Int32Array(0);

/** What to propagate: both modes (default), or the late mode alone when only setup slack is wanted. */
export interface PropagateOptions {
  /** False: skip the early (hold) mode; its arrivals, slews and delays stay NaN (about half the work). */
  readonly early?: boolean;
}

/**
 * Arrival times and slews level by level in topological order (as TimingGCN's propagation):
 * input ports and clock pins from the constraints; then per level, the net arcs into its load
 * pins as one batch through the learned net function (a matrix product per layer over all of
 * the level's arcs, transitions and modes), and the cell arcs into its cell outputs as one batch
 * through the learned cell function, each at its input pin's predicted slew, merged by max
 * (late) and min (early) over arcs and transitions. The rows' static parts are found once per
 * arc output (arc-rows.ts), the networks run compiled (mlp.ts: WebAssembly SIMD or straight-line
 * JavaScript), and the row buffers (the networks' own) are reused across levels and calls.
 */
export function propagate(g: SlackGraph, c: ModelConstraints, f: MessageFunctions, options: PropagateOptions = {}): Prediction {
  const { graph } = g;
  // Slots k = mm * 2 + rf: the late ones are 0 and 1, the early ones 2 and 3.
  const slots = options.early === false ? 2 : 4;
  const n = graph.pins.length;
  const arrival = new Float32Array(n * 4).fill(NaN);
  const slew = new Float32Array(n * 4);
  const cellDelay = new Float32Array(graph.cellEdges.length * 8).fill(NaN);
  const netDelay = new Float32Array(n * 4).fill(NaN);
  const d = g.sdc.derate;
  const cellDerate = [d.lateCell, d.earlyCell];
  const netDerate = [d.lateNet, d.earlyNet];
  const sdf = g.sdf;
  // Ideal clock network: the clock's transition everywhere.
  const { clockOf } = c;
  for (let p = 0; p < n; p++) {
    const clock = clockOf[p]!;
    if (clock >= 0) slew.fill(c.clocks[clock]!.slewNs, p * 4, p * 4 + 4);
  }
  for (const [p, input] of c.inputs) {
    if (clockOf[p]! >= 0) continue;
    for (let k = 0; k < 4; k++) {
      arrival[p * 4 + k] = input.arrival[k]!;
      slew[p * 4 + k] = input.slew[k]!;
    }
  }
  const lv = propagationLevels(g, c);
  const levels = lv.netStart.length - 1;
  cellRows.begin(g);
  const netNetwork = mlpRunner(f.net);
  const cellNetwork = mlpRunner(f.cell);
  for (let l = 1; l < levels; l++) {
    // Net arcs: a row per mode and transition of each load pin.
    const loads = lv.netStart[l + 1]! - lv.netStart[l]!;
    if (loads > 0) {
      const x = netNetwork.input(loads * slots);
      if (netDriver.length < loads) netDriver = new Int32Array(Math.max(loads, netDriver.length * 2));
      let r = 0;
      for (let i = lv.netStart[l]!; i < lv.netStart[l + 1]!; i++) {
        const p = lv.netPins[i]!;
        const drv = g.loadDriver[p]!;
        netDriver[i - lv.netStart[l]!] = drv;
        netArcRows(g, p, drv, slots, slew, x, r * NET_FEATURES);
        r += slots;
      }
      const y = netNetwork.forward(x, r);
      r = 0;
      for (let i = lv.netStart[l]!; i < lv.netStart[l + 1]!; i++) {
        const p = lv.netPins[i]!;
        const drv = netDriver[i - lv.netStart[l]!]!;
        for (let k = 0; k < slots; k++, r++) {
          // An SDF INTERCONNECT replaces the predicted wire delay, as in STA.
          const annotated = sdf?.wire(drv, p, k & 1, k >> 1);
          const wd = (annotated !== undefined ? annotated * NS : Math.max(0, x[r * NET_FEATURES + 4]! + y[r * 2]! * f.netScale[0])) * netDerate[k >> 1]!;
          netDelay[p * 4 + k] = wd;
          arrival[p * 4 + k] = arrival[drv * 4 + k]! + wd;
          slew[p * 4 + k] = Math.max(1e-4, x[r * NET_FEATURES]! + y[r * 2 + 1]! * f.netScale[1]);
        }
      }
    }
    const rows = cellRows.fill(g, c, lv, l, slots >> 1, slew, arrival, cellNetwork);
    if (rows === 0) continue;
    const { x, rowEdge, rowSlot, rowPin, rowStart } = cellRows;
    const y = cellNetwork.forward(x, rows);
    let pin = -1;
    for (let r = 0; r <= rows; r++) {
      if (r === rows || rowPin[r] !== pin) {
        if (pin >= 0) {
          for (let k = 0; k < 4; k++) {
            if (Number.isFinite(best[k]!)) arrival[pin * 4 + k] = best[k]!;
            if (Number.isFinite(bestSlew[k]!)) slew[pin * 4 + k] = bestSlew[k]!;
          }
        }
        if (r === rows) break;
        pin = rowPin[r]!;
        best[0] = best[1] = bestSlew[0] = bestSlew[1] = -Infinity;
        best[2] = best[3] = bestSlew[2] = bestSlew[3] = Infinity;
      }
      const slot = rowSlot[r]!;
      const mm = slot >> 2;
      const annotated = sdf ? sdfCellDelay(g, rowEdge[r]!, slot) : undefined;
      const dd = (annotated ?? x[r * CELL_FEATURES]! + y[r * 2]! * f.cellScale[0]) * cellDerate[mm]!;
      const ss = Math.max(1e-4, x[r * CELL_FEATURES + 1]! + y[r * 2 + 1]! * f.cellScale[1]);
      cellDelay[rowEdge[r]! * 8 + slot] = dd;
      merge(best, bestSlew, mm, slot & 1, rowStart[r]! + dd, ss);
    }
  }
  return { arrival, slew, cellDelay, netDelay };
}

const NS = 1e9;

/** The SDF IOPATH delay (ns) of a cell edge in slot mm * 4 + inRf * 2 + outRf, if the SDF names it. */
function sdfCellDelay(g: SlackGraph, edge: number, slot: number): number | undefined {
  const e = g.graph.cellEdges[edge]!;
  const v = g.sdf!.cell(e.from, e.to, slot & 1, slot >> 2, e.arc, (slot >> 1) & 1);
  return v === undefined ? undefined : v * NS;
}

// Per-pin merge buffers, reused: [late rise, late fall, early rise, early fall].
const best = new Float64Array(4);
const bestSlew = new Float64Array(4);

/** Keeps the latest (late) or earliest (early) arrival and the largest (late) or smallest (early) slew. */
function merge(best: Float64Array, bestSlew: Float64Array, mm: number, rf: number, at: number, slew: number): void {
  const k = mm * 2 + rf;
  if (mm === 0) {
    if (at > best[k]!) best[k] = at;
    if (slew > bestSlew[k]!) bestSlew[k] = slew;
  } else {
    if (at < best[k]!) best[k] = at;
    if (slew < bestSlew[k]!) bestSlew[k] = slew;
  }
}
