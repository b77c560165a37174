import { EDGE_COMPLEMENTED, EDGE_NONE, EDGE_PLAIN, NODE_AND, NODE_EMPTY, canvasSize, levelStarts, type CanvasGraph } from '../canvas.ts';
import { complementTable, isConstant, tablesEqual, type TruthFunction } from '../data/truth-function.ts';
import type { Predictions } from './predictions.ts';

/**
 * Turning the network's prediction for a level into that level's final, well-formed state. A slot
 * becomes EMPTY or an AND with exactly two fanins drawn (without replacement, polarity by the
 * predicted odds) from the non-empty nodes below; an output takes exactly one fanin. This
 * constrained draw is how the generator always yields a valid AIG; `rawValid` records whether the
 * unconstrained argmax of the prediction would have been one.
 */
export interface DecodeOptions {
  /** Redraw an AND whose function is constant or repeats a node below (or its complement): hashing at generation time. */
  readonly rejectRedundant: boolean;
  /** Connect each output to a node computing exactly its function when one exists, else try one new AND of two existing literals. */
  readonly exactOutputs: boolean;
  /** Fanin draws use the predicted weights to the power 1 / temperature (default 1; below 1 sharpens towards the argmax). */
  readonly temperature?: number;
}

/** What is known of a chain while its levels are fixed bottom-up: its graph and the exact tables of its final nodes. */
export interface ChainGraph {
  readonly graph: CanvasGraph;
  /** Exact truth tables of final nodes (undefined for nodes not final yet, and for EMPTY slots). */
  readonly tables: (Uint32Array | undefined)[];
  readonly target: TruthFunction;
  /** Offset of this chain's rows in the current batch of predictions. */
  batchIndex: number;
}

const weight = (p: Predictions, b: number, v: number, u: number) => {
  const at = (b * p.size + v) * p.size + u;
  return { plain: p.plain[at], complemented: p.complemented[at] };
};

export function andTable(a: Uint32Array, b: Uint32Array): Uint32Array {
  return a.map((w, i) => w & b[i]);
}

export function literalTable(t: Uint32Array, complemented: boolean, inputs: number): Uint32Array {
  return complemented ? complementTable(t, inputs) : t;
}

function drawIndex(weights: readonly number[], rand: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return -1;
  let r = rand() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Non-empty final nodes below `start` (the candidates for fanins of a level starting there). */
function sources(c: ChainGraph, start: number): number[] {
  const out: number[] = [];
  for (let u = 0; u < start; u++) if (c.tables[u] !== undefined) out.push(u);
  return out;
}

/** Draws one fanin literal (node, complemented) of row v from the prediction, excluding nodes in `not`. */
function drawFanin(c: ChainGraph, p: Predictions, v: number, from: readonly number[], not: ReadonlySet<number>, rand: () => number, temperature = 1): [number, boolean] | undefined {
  const allowed = from.filter((u) => !not.has(u));
  const ws = allowed.map((u) => {
    const w = weight(p, c.batchIndex, v, u);
    return (w.plain + w.complemented + 1e-9) ** (1 / temperature);
  });
  const k = drawIndex(ws, rand);
  if (k < 0) return undefined;
  const u = allowed[k];
  const w = weight(p, c.batchIndex, v, u);
  return [u, rand() * (w.plain + w.complemented) >= w.plain];
}

export interface LevelChoice {
  readonly rows: number[];
  /** Per row: EMPTY (no fanins) or its fanin literals. */
  readonly fanins: ([number, boolean][] | undefined)[];
}

/** One random well-formed state of a slot level drawn from the prediction. */
export function drawSlotLevel(c: ChainGraph, p: Predictions, level: number, o: DecodeOptions, rand: () => number): LevelChoice {
  const starts = levelStarts(c.graph.canvas);
  const start = starts[level];
  const end = starts[level + 1];
  const from = sources(c, start);
  const inputs = c.graph.canvas.inputs;
  const known = from.map((u) => c.tables[u]!);
  const rows: number[] = [];
  const fanins: ([number, boolean][] | undefined)[] = [];
  for (let v = start; v < end; v++) {
    rows.push(v);
    const isAnd = rand() < p.and[c.batchIndex * p.size + v];
    let chosen: [number, boolean][] | undefined;
    for (let attempt = 0; isAnd && attempt < (o.rejectRedundant ? 6 : 1) && !chosen; attempt++) {
      const a = drawFanin(c, p, v, from, new Set(), rand, o.temperature);
      if (!a) break;
      const b = drawFanin(c, p, v, from, new Set([a[0]]), rand, o.temperature);
      if (!b) break;
      if (o.rejectRedundant) {
        const t = andTable(literalTable(c.tables[a[0]]!, a[1], inputs), literalTable(c.tables[b[0]]!, b[1], inputs));
        const redundant = isConstant(t, inputs) || known.some((k) => tablesEqual(k, t) || tablesEqual(complementTable(k, inputs), t));
        if (redundant) continue;
        known.push(t);
      }
      chosen = [a, b];
    }
    fanins.push(chosen);
  }
  return { rows, fanins };
}

/** Writes a level's choice into the chain: its rows' types and edges, and the exact tables of its nodes. */
export function applyLevel(c: ChainGraph, choice: LevelChoice): void {
  const g = c.graph;
  const n = canvasSize(g.canvas);
  const inputs = g.canvas.inputs;
  choice.rows.forEach((v, k) => {
    for (let u = 0; u < n; u++) g.edge[v * n + u] = EDGE_NONE;
    const f = choice.fanins[k];
    const isOutput = v >= n - g.canvas.outputs;
    if (!f) {
      if (!isOutput) g.type[v] = NODE_EMPTY;
      c.tables[v] = undefined;
      return;
    }
    g.type[v] = NODE_AND;
    let t: Uint32Array | undefined;
    for (const [u, neg] of f) {
      g.edge[v * n + u] = neg ? EDGE_COMPLEMENTED : EDGE_PLAIN;
      const lit = literalTable(c.tables[u]!, neg, inputs);
      t = t ? andTable(t, lit) : lit;
    }
    c.tables[v] = t;
  });
}

/** Whether the unconstrained argmax of the prediction for these rows is well-formed (before the constrained draw). */
export function argmaxWellFormed(c: ChainGraph, p: Predictions, rows: readonly number[], start: number): boolean {
  const n = canvasSize(c.graph.canvas);
  for (const v of rows) {
    const isOutput = v >= n - c.graph.canvas.outputs;
    const isAnd = isOutput || p.and[c.batchIndex * p.size + v] >= 0.5;
    let fanins = 0;
    for (let u = 0; u < start; u++) {
      const w = weight(p, c.batchIndex, v, u);
      if (w.plain + w.complemented <= 1 - w.plain - w.complemented) continue;
      if (c.tables[u] === undefined) return false;
      fanins++;
    }
    if (fanins !== (isOutput ? 1 : isAnd ? 2 : 0)) return false;
  }
  return true;
}

/**
 * The output level: each output reads one non-empty node below. With `exactOutputs`, a node whose
 * table is the output's function (or its complement) is taken when one exists (the most probable
 * under the prediction); else one AND of two existing literals that computes it is placed in a
 * free (EMPTY or unread) slot of the top slot level when there is one. Otherwise the fanin is drawn
 * from the prediction. Returns how many outputs needed the extra AND.
 */
export function decodeOutputs(c: ChainGraph, p: Predictions, o: DecodeOptions, rand: () => number): number {
  const g = c.graph;
  const canvas = g.canvas;
  const n = canvasSize(canvas);
  const starts = levelStarts(canvas);
  const outStart = starts[starts.length - 2];
  const inputs = canvas.inputs;
  let repaired = 0;
  const used = new Set<number>();
  const rows: number[] = [];
  const fanins: [number, boolean][][] = [];
  for (let k = 0; k < canvas.outputs; k++) {
    const v = outStart + k;
    rows.push(v);
    const from = sources(c, outStart);
    const f = c.target.tables[k];
    let pick: [number, boolean] | undefined;
    if (o.exactOutputs) {
      let best = -1;
      for (const u of from) {
        const t = c.tables[u]!;
        const w = weight(p, c.batchIndex, v, u);
        if (tablesEqual(t, f) && w.plain + 1e-9 > best) [pick, best] = [[u, false], w.plain + 1e-9];
        else if (tablesEqual(complementTable(t, inputs), f) && w.complemented + 1e-9 > best) [pick, best] = [[u, true], w.complemented + 1e-9];
      }
      if (!pick) {
        const made = placeAnd(c, f, starts, used);
        if (made) {
          pick = made;
          repaired++;
        }
      }
    }
    pick ??= drawFanin(c, p, v, from, new Set(), rand, o.temperature);
    if (!pick) throw new Error('decodeOutputs: no node to read (inputs always exist)');
    used.add(pick[0]);
    fanins.push([pick]);
  }
  applyLevel(c, { rows, fanins });
  return repaired;
}

/** Finds literals a, b below the top slot level with a AND b = f or !f and writes that AND into a free top-level slot. */
function placeAnd(c: ChainGraph, f: Uint32Array, starts: readonly number[], reserved: ReadonlySet<number>): [number, boolean] | undefined {
  const g = c.graph;
  const canvas = g.canvas;
  const inputs = canvas.inputs;
  const top = canvas.widths.length;
  if (top === 0) return undefined;
  // A free slot on the top slot level: EMPTY, or an AND no output reads yet (only outputs read that level).
  let slot = -1;
  for (let v = starts[top]; v < starts[top + 1]; v++) if (!reserved.has(v) && (g.type[v] === NODE_EMPTY || c.tables[v] !== undefined)) {
    if (slot < 0 || g.type[v] === NODE_EMPTY) slot = v;
  }
  if (slot < 0) return undefined;
  const pair = findAndPair(c.tables, starts[top], f, inputs);
  if (!pair) return undefined;
  applyLevel(c, { rows: [slot], fanins: [[pair.a, pair.b]] });
  return [slot, pair.complemented];
}

/**
 * Two literals of nodes below `limit` (tables known) whose AND is f, or whose AND's complement is
 * f (`complemented`), or undefined.
 */
export function findAndPair(tables: readonly (Uint32Array | undefined)[], limit: number, f: Uint32Array, inputs: number): { a: [number, boolean]; b: [number, boolean]; complemented: boolean } | undefined {
  const lits: [number, boolean, Uint32Array][] = [];
  for (let u = 0; u < limit; u++) {
    const t = tables[u];
    if (t) lits.push([u, false, t], [u, true, complementTable(t, inputs)]);
  }
  const fNot = complementTable(f, inputs);
  for (let i = 0; i < lits.length; i++) {
    for (let j = i + 1; j < lits.length; j++) {
      if (lits[i][0] === lits[j][0]) continue;
      const t = andTable(lits[i][2], lits[j][2]);
      const positive = tablesEqual(t, f);
      if (positive || tablesEqual(t, fNot)) return { a: [lits[i][0], lits[i][1]], b: [lits[j][0], lits[j][1]], complemented: !positive };
    }
  }
  return undefined;
}
