import { Aig, levels as aigLevels, litVar, type Literal } from '../../../eda/aig/index.ts';

/**
 * A levelled DAG canvas: level 0 holds the inputs, levels 1..D the AND slots (each either an AND
 * or EMPTY), level D+1 the outputs. Nodes are numbered inputs, then level 1, level 2, ..., then
 * outputs, so every edge goes from a lower index to a higher one and the graph is acyclic by
 * construction. An edge slot (v, u), u on a lower level than v, is NONE, PLAIN or COMPLEMENTED.
 */
export interface Canvas {
  readonly inputs: number;
  readonly outputs: number;
  /** Slots on each internal level, level 1 first. */
  readonly widths: readonly number[];
}

export const EDGE_NONE = 0;
export const EDGE_PLAIN = 1;
export const EDGE_COMPLEMENTED = 2;
export const NODE_EMPTY = 0;
export const NODE_AND = 1;

/** A canvas with a hard state: node types and edges (the clean graph x0, or a noisy x_t). */
export interface CanvasGraph {
  readonly canvas: Canvas;
  /** Node types: NODE_AND for inputs and outputs too (they always exist); NODE_EMPTY or NODE_AND for slots. */
  readonly type: Uint8Array;
  /** edge[v * size + u]: the edge state of the slot u -> v (only slots with level[u] < level[v] are used). */
  readonly edge: Uint8Array;
}

export function canvasSize(c: Canvas): number {
  return c.inputs + c.widths.reduce((a, b) => a + b, 0) + c.outputs;
}

/** Levels of the canvas: the count of internal levels plus the output level. */
export function canvasLevels(c: Canvas): number {
  return c.widths.length + 1;
}

/** The level of every node: 0 inputs, 1..D slots, D+1 outputs. */
export function nodeLevels(c: Canvas): Int32Array {
  const level = new Int32Array(canvasSize(c));
  let v = c.inputs;
  c.widths.forEach((w, l) => {
    for (let k = 0; k < w; k++) level[v++] = l + 1;
  });
  for (let o = 0; o < c.outputs; o++) level[v++] = c.widths.length + 1;
  return level;
}

/** Index of the first node of each level (inputs at 0) and, last, the canvas size. */
export function levelStarts(c: Canvas): number[] {
  const starts = [0, c.inputs];
  for (const w of c.widths) starts.push(starts[starts.length - 1] + w);
  starts.push(starts[starts.length - 1] + c.outputs);
  return starts;
}

export function emptyGraph(c: Canvas): CanvasGraph {
  const n = canvasSize(c);
  return { canvas: c, type: new Uint8Array(n).fill(NODE_AND), edge: new Uint8Array(n * n) };
}

/**
 * The canvas graph of an AIG (structurally hashed, dangling logic removed): every AND on its ASAP
 * level, slots of a level in the AIG's order. Outputs pointing at the constant are refused.
 */
export function aigToCanvas(source: Aig): CanvasGraph {
  const aig = source.cleanup();
  const level = aigLevels(aig);
  const byLevel: number[][] = [];
  for (const v of aig.andVariables()) (byLevel[level[v] - 1] ??= []).push(v);
  const widths = Array.from({ length: byLevel.length }, (_, l) => byLevel[l]?.length ?? 0);
  const canvas: Canvas = { inputs: aig.inputs.length, outputs: aig.outputs.length, widths };
  const g = emptyGraph(canvas);
  const n = canvasSize(canvas);
  const index = new Int32Array(aig.variableCount).fill(-1);
  aig.inputs.forEach((v, i) => (index[v] = i));
  let next = canvas.inputs;
  for (const list of byLevel) for (const v of list ?? []) index[v] = next++;
  const connect = (to: number, lit: Literal) => {
    const from = index[litVar(lit)];
    if (from < 0) throw new Error(`aigToCanvas: literal ${lit} is not an input or AND (constant outputs have no canvas)`);
    g.edge[to * n + from] = lit & 1 ? EDGE_COMPLEMENTED : EDGE_PLAIN;
  };
  for (const v of aig.andVariables()) {
    connect(index[v], aig.fanin0(v));
    connect(index[v], aig.fanin1(v));
  }
  aig.outputs.forEach((o, k) => connect(n - canvas.outputs + k, o.lit));
  return g;
}

/** Why a hard canvas graph is not a well-formed AIG, or undefined when it is one. */
export function graphProblem(g: CanvasGraph): string | undefined {
  const c = g.canvas;
  const n = canvasSize(c);
  const level = nodeLevels(c);
  for (let v = c.inputs; v < n; v++) {
    const isOutput = v >= n - c.outputs;
    if (!isOutput && g.type[v] === NODE_EMPTY) {
      for (let u = 0; u < n; u++) if (g.edge[v * n + u] !== EDGE_NONE) return `empty slot ${v} has a fanin`;
      continue;
    }
    let fanins = 0;
    for (let u = 0; u < n; u++) {
      const e = g.edge[v * n + u];
      if (e === EDGE_NONE) continue;
      if (level[u] >= level[v]) return `edge ${u} -> ${v} does not go up a level`;
      if (g.type[u] === NODE_EMPTY) return `node ${v} reads the empty slot ${u}`;
      fanins++;
    }
    const want = isOutput ? 1 : 2;
    if (fanins !== want) return `${isOutput ? 'output' : 'AND'} ${v} has ${fanins} fanins, not ${want}`;
  }
  return undefined;
}

/** The AIG of a well-formed canvas graph (ANDs as written, in canvas order). Throws on a malformed graph. */
export function canvasToAig(g: CanvasGraph, name = 'seadag'): Aig {
  const problem = graphProblem(g);
  if (problem) throw new Error(`canvasToAig: ${problem}`);
  const c = g.canvas;
  const n = canvasSize(c);
  const aig = new Aig(name);
  const lit = new Int32Array(n);
  for (let i = 0; i < c.inputs; i++) lit[i] = aig.addInput(`x${i}`);
  const fanins = (v: number): Literal[] => {
    const out: Literal[] = [];
    for (let u = 0; u < n; u++) {
      const e = g.edge[v * n + u];
      if (e !== EDGE_NONE) out.push(lit[u] ^ (e === EDGE_COMPLEMENTED ? 1 : 0));
    }
    return out;
  };
  for (let v = c.inputs; v < n - c.outputs; v++) {
    if (g.type[v] === NODE_EMPTY) continue;
    const [a, b] = fanins(v);
    lit[v] = aig.andRaw(a, b, true);
  }
  for (let o = 0; o < c.outputs; o++) aig.addOutput(fanins(n - c.outputs + o)[0], `y${o}`);
  return aig;
}

/**
 * The same graph on a larger canvas: `extra[l]` EMPTY slots added to internal level l + 1, and an
 * all-EMPTY level of `width` slots inserted in front of internal level `before + 1` for each entry
 * of `insert` (before = the number of internal levels puts it just under the outputs). Edges keep
 * their endpoints, so the function is unchanged.
 */
export function padCanvas(g: CanvasGraph, extra: readonly number[], insert: readonly { before: number; width: number }[] = []): CanvasGraph {
  const c = g.canvas;
  const widths: number[] = [];
  const origin: number[] = []; // new internal level -> old internal level, or -1 for an inserted one
  for (let l = 0; l <= c.widths.length; l++) {
    for (const ins of insert) if (ins.before === l) {
      widths.push(ins.width);
      origin.push(-1);
    }
    if (l < c.widths.length) {
      widths.push(c.widths[l] + (extra[l] ?? 0));
      origin.push(l);
    }
  }
  const padded: Canvas = { inputs: c.inputs, outputs: c.outputs, widths };
  const out = emptyGraph(padded);
  const nOld = canvasSize(c);
  const nNew = canvasSize(padded);
  const oldStarts = levelStarts(c);
  const newStarts = levelStarts(padded);
  const map = new Int32Array(nOld);
  for (let i = 0; i < c.inputs; i++) map[i] = i;
  origin.forEach((old, l) => {
    const kept = old < 0 ? 0 : c.widths[old];
    for (let k = 0; k < kept; k++) map[oldStarts[old + 1] + k] = newStarts[l + 1] + k;
    for (let k = kept; k < widths[l]; k++) out.type[newStarts[l + 1] + k] = NODE_EMPTY;
  });
  for (let o = 0; o < c.outputs; o++) map[nOld - c.outputs + o] = nNew - c.outputs + o;
  for (let v = 0; v < nOld; v++) {
    for (let u = 0; u < nOld; u++) {
      const e = g.edge[v * nOld + u];
      if (e !== EDGE_NONE) out.edge[map[v] * nNew + map[u]] = e;
    }
  }
  return out;
}

/** Marks which edge slots exist: v above u, v a slot or an output. */
export function edgeSlotMask(c: Canvas): Uint8Array {
  const n = canvasSize(c);
  const level = nodeLevels(c);
  const mask = new Uint8Array(n * n);
  for (let v = c.inputs; v < n; v++) for (let u = 0; u < n; u++) if (level[u] < level[v]) mask[v * n + u] = 1;
  return mask;
}

/** Kinds of the nodes for features: 0 input, 1 slot, 2 output. */
export function nodeRoles(c: Canvas): Uint8Array {
  const n = canvasSize(c);
  const role = new Uint8Array(n).fill(1);
  for (let i = 0; i < c.inputs; i++) role[i] = 0;
  for (let o = 0; o < c.outputs; o++) role[n - 1 - o] = 2;
  return role;
}

