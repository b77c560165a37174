import { canvasLevels, canvasSize, edgeSlotMask, nodeLevels, type CanvasGraph } from '../canvas.ts';
import { alphaBar, localStep, noiseClass, type Schedule } from './schedule.ts';

/** The marginal distributions the noise draws from (DiGress's marginal transitions), measured on training graphs. */
export interface Marginals {
  /** [EMPTY, AND] of internal slots. */
  readonly type: readonly number[];
  /** [NONE, PLAIN, COMPLEMENTED] of the edge slots of internal slots. */
  readonly slotEdge: readonly number[];
  /** The same for the edge slots of outputs. */
  readonly outputEdge: readonly number[];
}

/** Marginals of a set of (padded) clean training graphs, with a small floor so no class is impossible. */
export function measureMarginals(graphs: readonly CanvasGraph[]): Marginals {
  const type = [0, 0];
  const slotEdge = [0, 0, 0];
  const outputEdge = [0, 0, 0];
  for (const g of graphs) {
    const c = g.canvas;
    const n = canvasSize(c);
    const mask = edgeSlotMask(c);
    for (let v = c.inputs; v < n; v++) {
      const isOutput = v >= n - c.outputs;
      if (!isOutput) type[g.type[v]]++;
      const counts = isOutput ? outputEdge : slotEdge;
      for (let u = 0; u < n; u++) if (mask[v * n + u]) counts[g.edge[v * n + u]]++;
    }
  }
  const norm = (x: number[]) => {
    const floored = x.map((v) => v + 1);
    const z = floored.reduce((a, b) => a + b, 0);
    return floored.map((v) => v / z);
  };
  return { type: norm(type), slotEdge: norm(slotEdge), outputEdge: norm(outputEdge) };
}

/** The local step of every node at global step `step`: 0 for inputs, tau of its level otherwise. */
export function nodeSteps(g: Pick<CanvasGraph, 'canvas'>, schedule: Schedule, step: number): Int32Array {
  const level = nodeLevels(g.canvas);
  const L = canvasLevels(g.canvas);
  return level.map((l) => (l === 0 ? 0 : localStep(schedule, step, l, L)));
}

/**
 * x_t of a clean graph: each slot's type and each node's fanin edge slots are noised with its own
 * node's local step (q(x_tau | x_0) = alphaBar onehot(x_0) + (1 - alphaBar) m).
 */
export function noisyGraph(x0: CanvasGraph, tau: Int32Array, schedule: Schedule, m: Marginals, rand: () => number): CanvasGraph {
  const c = x0.canvas;
  const n = canvasSize(c);
  const mask = edgeSlotMask(c);
  const type = x0.type.slice();
  const edge = new Uint8Array(n * n);
  for (let v = c.inputs; v < n; v++) {
    const ab = alphaBar(schedule, tau[v]);
    const isOutput = v >= n - c.outputs;
    if (!isOutput) type[v] = tau[v] === 0 ? x0.type[v] : noiseClass(x0.type[v], ab, m.type, rand());
    const me = isOutput ? m.outputEdge : m.slotEdge;
    for (let u = 0; u < n; u++) {
      if (!mask[v * n + u]) continue;
      const e = x0.edge[v * n + u];
      edge[v * n + u] = tau[v] === 0 ? e : noiseClass(e, ab, me, rand());
    }
  }
  return { canvas: c, type, edge };
}
