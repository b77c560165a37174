import { inputTransitions } from '../../../../eda/timing/index.ts';
import type { SlackGraph } from '../parser/slack-graph.ts';
import type { ModelConstraints } from './constraints.ts';
import { CELL_FEATURES, NET_FEATURES, cellArcFeatures, netArcFeatures } from './features.ts';
import { mlpForward, type MlpWeights } from './mlp.ts';

/** The learned message functions: cell arcs correct the NLDM delay and slew, net arcs an Elmore estimate. */
export interface MessageFunctions {
  readonly cell: MlpWeights;
  readonly net: MlpWeights;
  /** Output scales (ns): cell [delay, slew] and net [delay, slew] residuals are predicted in these units. */
  readonly cellScale: readonly [number, number];
  readonly netScale: readonly [number, number];
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

const cellIn = new Float64Array(CELL_FEATURES);
const netIn = new Float64Array(NET_FEATURES);
const out2 = new Float64Array(2);
/** The last message's delay and slew (ns): the hot loop reads them here instead of allocating a pair. */
export const message = new Float64Array(2);

/** One cell arc's predicted delay and output slew (ns) into `message`; false when the arc has no table for it. */
export function predictCellArc(g: SlackGraph, f: MessageFunctions, edge: number, outRf: number, mm: number, inSlew: number): boolean {
  cellArcFeatures(g, edge, outRf, mm, inSlew, cellIn, 0);
  if (Number.isNaN(cellIn[0]!)) return false;
  mlpForward(f.cell, cellIn, 1, out2);
  message[0] = cellIn[0]! + out2[0]! * f.cellScale[0];
  message[1] = Math.max(1e-4, cellIn[1]! + out2[1]! * f.cellScale[1]);
  return true;
}

/** One net arc's predicted wire delay and load slew (ns) into `message`. */
export function predictNetArc(g: SlackGraph, f: MessageFunctions, load: number, rf: number, mm: number, driverSlew: number): void {
  netArcFeatures(g, load, rf, mm, driverSlew, netIn, 0);
  mlpForward(f.net, netIn, 1, out2);
  message[0] = Math.max(0, netIn[4]! + out2[0]! * f.netScale[0]);
  message[1] = Math.max(1e-4, driverSlew + out2[1]! * f.netScale[1]);
}

/**
 * Arrival times and slews level by level in topological order (as TimingGCN's propagation):
 * input ports and clock pins from the constraints, every cell arc's message from the learned
 * cell function at its input pin's predicted slew, merged by max (late) and min (early) over
 * arcs and transitions, then each net's message to its loads from the learned net function.
 */
export function propagate(g: SlackGraph, c: ModelConstraints, f: MessageFunctions): Prediction {
  const { graph } = g;
  const n = graph.pins.length;
  const arrival = new Float32Array(n * 4).fill(NaN);
  const slew = new Float32Array(n * 4);
  const cellDelay = new Float32Array(graph.cellEdges.length * 8).fill(NaN);
  const netDelay = new Float32Array(n * 4).fill(NaN);
  const orderIndex = new Int32Array(n);
  graph.order.forEach((p, i) => (orderIndex[p] = i));
  const d = g.sdc.derate;
  const cellDerate = [d.lateCell, d.earlyCell];
  const netDerate = [d.lateNet, d.earlyNet];
  for (const p of graph.order) {
    const pin = graph.pins[p]!;
    const clock = c.clockOf[p]!;
    if (clock >= 0) {
      // Ideal clock network: the clock's transition everywhere.
      for (let k = 0; k < 4; k++) slew[p * 4 + k] = c.clocks[clock]!.slewNs;
      continue;
    }
    const input = c.inputs.get(p);
    if (input) {
      for (let k = 0; k < 4; k++) {
        arrival[p * 4 + k] = input.arrival[k]!;
        slew[p * 4 + k] = input.slew[k]!;
      }
      continue;
    }
    if (!pin.isDriver) {
      const drv = pin.net >= 0 ? graph.nets[pin.net]!.drivers[0] : undefined;
      if (drv === undefined || c.clockOf[drv]! >= 0) continue;
      for (let mm = 0; mm < 2; mm++) {
        for (let rf = 0; rf < 2; rf++) {
          const k = mm * 2 + rf;
          predictNetArc(g, f, p, rf, mm, slew[drv * 4 + k]!);
          const wd = message[0]!;
          const ws = message[1]!;
          netDelay[p * 4 + k] = wd * netDerate[mm]!;
          arrival[p * 4 + k] = arrival[drv * 4 + k]! + wd * netDerate[mm]!;
          slew[p * 4 + k] = ws;
        }
      }
      continue;
    }
    best[0] = best[1] = bestSlew[0] = bestSlew[1] = -Infinity;
    best[2] = best[3] = bestSlew[2] = bestSlew[3] = Infinity;
    for (const ei of graph.edgesInto[p]!) {
      const e = graph.cellEdges[ei]!;
      if (e.role === 'launch') {
        const ck = c.clockOf[e.from]!;
        if (ck < 0) continue;
        const k = c.clocks[ck]!;
        const inRf = e.clockEdge === 'rise' ? 0 : 1;
        const t0 = k.waveform[inRf]! + (k.propagated ? 0 : k.latencyNs);
        for (let mm = 0; mm < 2; mm++) {
          for (let outRf = 0; outRf < 2; outRf++) {
            if (!predictCellArc(g, f, ei, outRf, mm, k.slewNs)) continue;
            const dd = message[0]!;
            const ss = message[1]!;
            cellDelay[ei * 8 + mm * 4 + inRf * 2 + outRf] = dd * cellDerate[mm]!;
            merge(best, bestSlew, mm, outRf, t0 + dd * cellDerate[mm]!, ss);
          }
        }
        continue;
      }
      if (orderIndex[e.from]! >= orderIndex[p]! || c.clockOf[e.from]! >= 0) continue;
      for (let outRf = 0; outRf < 2; outRf++) {
        for (const inRf of inputTransitions(e.arc, outRf)) {
          for (let mm = 0; mm < 2; mm++) {
            const at = arrival[e.from * 4 + mm * 2 + inRf]!;
            if (!predictCellArc(g, f, ei, outRf, mm, slew[e.from * 4 + mm * 2 + inRf]!)) continue;
            const dd = message[0]!;
            const ss = message[1]!;
            cellDelay[ei * 8 + mm * 4 + inRf * 2 + outRf] = dd * cellDerate[mm]!;
            merge(best, bestSlew, mm, outRf, Number.isNaN(at) ? NaN : at + dd * cellDerate[mm]!, ss);
          }
        }
      }
    }
    for (let k = 0; k < 4; k++) {
      if (Number.isFinite(best[k]!)) arrival[p * 4 + k] = best[k]!;
      if (Number.isFinite(bestSlew[k]!)) slew[p * 4 + k] = bestSlew[k]!;
    }
  }
  return { arrival, slew, cellDelay, netDelay };
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
