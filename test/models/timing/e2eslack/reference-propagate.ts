// A plain reference for the batched propagation: pins one at a time in topological order, every
// arc's message computed on its own, the MLPs evaluated straight from the checkpoint's weights
// (standardize, multiply, add, ReLU) with nothing folded or transposed.
import { inputTransitions } from '../../../../eda/timing/index.ts';
import type { NamedArray } from '../../../../models/common/index.ts';
import type { ModelConstraints, Prediction, SlackGraph } from '../../../../models/timing/e2eslack/index.ts';
import { CELL_FEATURES, NET_FEATURES, cellArcFeatures, netArcFeatures } from '../../../../models/timing/e2eslack/model/features.ts';
import type { MlpSpec, Standardizer } from '../../../../models/timing/e2eslack/model/mlp.ts';
import type { MessageConfig } from '../../../../models/timing/e2eslack/model/train.ts';

function plainMlp(weights: ReadonlyMap<string, NamedArray>, spec: MlpSpec, scale: Standardizer, x: ArrayLike<number>): number[] {
  let h = Array.from(x, (v, i) => (v - scale.mean[i]!) / scale.std[i]!);
  const layers = spec.sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    const w = weights.get(`${spec.name}.w${l}`)!.data;
    const b = weights.get(`${spec.name}.b${l}`)!.data;
    const k = spec.sizes[l + 1]!;
    const out = Array.from({ length: k }, (_, j) => h.reduce((s, v, i) => s + v * w[i * k + j]!, b[j]!));
    h = l + 1 < layers ? out.map((v) => Math.max(0, v)) : out;
  }
  return h;
}

export function referencePropagate(g: SlackGraph, c: ModelConstraints, config: MessageConfig, weights: ReadonlyMap<string, NamedArray>): Prediction {
  const { graph } = g;
  const n = graph.pins.length;
  const arrival = new Float32Array(n * 4).fill(NaN);
  const slew = new Float32Array(n * 4);
  const cellDelay = new Float32Array(graph.cellEdges.length * 8).fill(NaN);
  const netDelay = new Float32Array(n * 4).fill(NaN);
  const order = new Int32Array(n);
  graph.order.forEach((p, i) => (order[p] = i));
  const d = g.sdc.derate;
  const cellDerate = [d.lateCell, d.earlyCell];
  const netDerate = [d.lateNet, d.earlyNet];
  const cellIn = new Float64Array(CELL_FEATURES);
  const netIn = new Float64Array(NET_FEATURES);
  const cellArc = (edge: number, outRf: number, mm: number, inSlew: number): [number, number] | undefined => {
    cellArcFeatures(g, edge, outRf, mm, inSlew, cellIn, 0);
    if (Number.isNaN(cellIn[0]!)) return undefined;
    const y = plainMlp(weights, config.cellSpec, config.cellInput, cellIn);
    return [cellIn[0]! + y[0]! * config.cellScale[0], Math.max(1e-4, cellIn[1]! + y[1]! * config.cellScale[1])];
  };
  for (const p of graph.order) {
    const pin = graph.pins[p]!;
    const clock = c.clockOf[p]!;
    if (clock >= 0) {
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
      for (let k = 0; k < 4; k++) {
        const mm = k >> 1;
        netArcFeatures(g, p, k & 1, mm, slew[drv * 4 + k]!, netIn, 0);
        const y = plainMlp(weights, config.netSpec, config.netInput, netIn);
        const wd = Math.max(0, netIn[4]! + y[0]! * config.netScale[0]) * netDerate[mm]!;
        netDelay[p * 4 + k] = wd;
        arrival[p * 4 + k] = arrival[drv * 4 + k]! + wd;
        slew[p * 4 + k] = Math.max(1e-4, slew[drv * 4 + k]! + y[1]! * config.netScale[1]);
      }
      continue;
    }
    const best = [-Infinity, -Infinity, Infinity, Infinity];
    const bestSlew = [-Infinity, -Infinity, Infinity, Infinity];
    const merge = (mm: number, inRf: number, outRf: number, edge: number, start: number, m: [number, number]) => {
      const delay = m[0] * cellDerate[mm]!;
      cellDelay[edge * 8 + mm * 4 + inRf * 2 + outRf] = delay;
      const k = mm * 2 + outRf;
      const at = start + delay;
      const pick = mm === 0 ? Math.max : Math.min;
      if (!Number.isNaN(at)) best[k] = pick(best[k]!, at);
      bestSlew[k] = pick(bestSlew[k]!, m[1]);
    };
    for (const ei of graph.edgesInto[p]!) {
      const e = graph.cellEdges[ei]!;
      if (e.role === 'launch') {
        const ck = c.clockOf[e.from]!;
        if (ck < 0) continue;
        const clk = c.clocks[ck]!;
        const inRf = e.clockEdge === 'rise' ? 0 : 1;
        const t0 = clk.waveform[inRf]! + (clk.propagated ? 0 : clk.latencyNs);
        for (let mm = 0; mm < 2; mm++) {
          for (let outRf = 0; outRf < 2; outRf++) {
            const m = cellArc(ei, outRf, mm, clk.slewNs);
            if (m) merge(mm, inRf, outRf, ei, t0, m);
          }
        }
        continue;
      }
      if (order[e.from]! >= order[p]! || c.clockOf[e.from]! >= 0) continue;
      for (let outRf = 0; outRf < 2; outRf++) {
        for (const inRf of inputTransitions(e.arc, outRf)) {
          for (let mm = 0; mm < 2; mm++) {
            const m = cellArc(ei, outRf, mm, slew[e.from * 4 + mm * 2 + inRf]!);
            if (m) merge(mm, inRf, outRf, ei, arrival[e.from * 4 + mm * 2 + inRf]!, m);
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
