import { EDGE_COMPLEMENTED, EDGE_PLAIN, emptyGraph, canvasSize, type CanvasGraph } from '../canvas.ts';

/**
 * The autoregressive baseline builds an AIG one AND at a time. Its state is the graph built so
 * far (inputs, then ANDs in the order added) with the output rows present but not yet connected;
 * the teacher adds ANDs level by level (the canvas order of ABC's graph).
 */
export type FaninLiteral = readonly [node: number, complemented: boolean];

export interface ArState {
  readonly inputs: number;
  readonly outputs: number;
  /** Fanins of each AND, referring to earlier nodes (inputs 0..inputs-1, ANDs after). */
  readonly ands: readonly (readonly [FaninLiteral, FaninLiteral])[];
}

/** The ASAP level of every node of a state (inputs 0). */
export function stateLevels(s: ArState): number[] {
  const level = Array.from({ length: s.inputs }, () => 0);
  for (const [a, b] of s.ands) level.push(1 + Math.max(level[a[0]], level[b[0]]));
  return level;
}

/**
 * The state as a canvas graph, nodes sorted by level (ANDs of a level in the order they were
 * added). `stateIndex[canvasNode]` maps back; with ANDs added level by level (as the teacher does)
 * it is the identity.
 */
export function stateGraph(s: ArState): { graph: CanvasGraph; stateIndex: number[] } {
  const level = stateLevels(s);
  const depth = Math.max(0, ...level);
  const widths = Array.from({ length: depth }, (_, l) => level.filter((x) => x === l + 1).length);
  const stateIndex = level.map((_, k) => k).sort((a, b) => level[a] - level[b] || a - b);
  const canvasIndex = new Array<number>(level.length);
  stateIndex.forEach((k, v) => (canvasIndex[k] = v));
  const graph = emptyGraph({ inputs: s.inputs, outputs: s.outputs, widths });
  const n = canvasSize(graph.canvas);
  s.ands.forEach((fanins, k) => {
    for (const [u, neg] of fanins) graph.edge[canvasIndex[s.inputs + k] * n + canvasIndex[u]] = neg ? EDGE_COMPLEMENTED : EDGE_PLAIN;
  });
  return { graph, stateIndex };
}

/** The teacher's actions for a clean canvas graph (ANDs level by level): its ANDs with fanins (higher node first), and each output's literal. */
export function teacherActions(g: CanvasGraph): { ands: [FaninLiteral, FaninLiteral][]; outputs: FaninLiteral[] } {
  const c = g.canvas;
  const n = canvasSize(c);
  const literalsOf = (v: number): FaninLiteral[] => {
    const out: FaninLiteral[] = [];
    for (let u = v - 1; u >= 0; u--) {
      const e = g.edge[v * n + u];
      if (e !== 0) out.push([u, e === EDGE_COMPLEMENTED]);
    }
    return out;
  };
  const ands: [FaninLiteral, FaninLiteral][] = [];
  for (let v = c.inputs; v < n - c.outputs; v++) {
    const f = literalsOf(v);
    if (f.length !== 2) throw new Error(`teacherActions: node ${v} has ${f.length} fanins`);
    ands.push([f[0], f[1]]);
  }
  const outputs = Array.from({ length: c.outputs }, (_, o) => literalsOf(n - c.outputs + o)[0]);
  return { ands, outputs };
}
