import { EDGE_NONE, NODE_AND, NODE_EMPTY, canvasSize, emptyGraph, levelStarts, nodeLevels, type Canvas, type CanvasGraph } from './canvas.ts';

/**
 * A clean graph placed on another canvas of the same inputs and outputs, as the sampler's canvases
 * are drawn: every AND, in level order, goes to the lowest level above all its fanins that still has
 * a free slot (the first free slot there); the other slots are EMPTY. Returns undefined when some
 * AND finds no level (the graph does not fit this greedy placement).
 */
export function embedGraph(g: CanvasGraph, target: Canvas): CanvasGraph | undefined {
  const c = g.canvas;
  if (c.inputs !== target.inputs || c.outputs !== target.outputs) throw new Error('embedGraph: the canvases differ in inputs or outputs');
  const n = canvasSize(c);
  const m = canvasSize(target);
  const depth = target.widths.length;
  const used = new Int32Array(depth + 1);
  const starts = levelStarts(target);
  const levelOf = new Int32Array(n); // the new level of each old node (inputs 0)
  const map = new Int32Array(n);
  for (let i = 0; i < c.inputs; i++) map[i] = i;
  const oldLevel = nodeLevels(c);
  for (let v = c.inputs; v < n - c.outputs; v++) {
    if (g.type[v] !== NODE_AND) {
      map[v] = -1;
      continue;
    }
    let above = 1;
    for (let u = 0; u < v; u++) if (oldLevel[u] < oldLevel[v] && g.edge[v * n + u] !== EDGE_NONE) above = Math.max(above, levelOf[u] + 1);
    let l = above;
    while (l <= depth && used[l] >= target.widths[l - 1]) l++;
    if (l > depth) return undefined;
    levelOf[v] = l;
    map[v] = starts[l] + used[l]++;
  }
  for (let o = 0; o < c.outputs; o++) map[n - c.outputs + o] = m - target.outputs + o;
  const out = emptyGraph(target);
  for (let l = 1; l <= depth; l++) for (let k = used[l]; k < target.widths[l - 1]; k++) out.type[starts[l] + k] = NODE_EMPTY;
  for (let v = c.inputs; v < n; v++) {
    if (map[v] < 0) continue;
    for (let u = 0; u < v; u++) {
      const e = g.edge[v * n + u];
      if (e !== EDGE_NONE && oldLevel[u] < oldLevel[v]) out.edge[map[v] * m + map[u]] = e;
    }
  }
  return out;
}
