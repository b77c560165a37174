import { EDGE_COMPLEMENTED, EDGE_NONE, EDGE_PLAIN, NODE_AND, canvasLevels, canvasSize, edgeSlotMask, nodeLevels, nodeRoles, type CanvasGraph } from '../canvas.ts';
import { complementTable, inputTable, popcount32, type TruthFunction } from '../data/truth-function.ts';

/**
 * What the network sees of a (noisy) canvas graph, packed for a batch. Beside the noisy types and
 * edges and each node's local step, every node carries the truth table it computes in the graph
 * as it stands (an AND of all its present fanins) and how that table relates to the requested
 * function: the structural features DiGress computes from the noisy graph, here the one that
 * matters for circuits. Lower levels are clean before upper ones, so these tables are exact
 * where the network needs them.
 */

/** Relations of a node's table t to an output's table f: t = f, t = !f, f implies t, f implies !t, t implies f, !t implies f, agreement. */
const RELATIONS = 7;
const BASE = 13;

export function featureCount(minterms: number, outputs: number): number {
  return BASE + minterms + outputs * (minterms + RELATIONS);
}

/** The table every node computes in a hard canvas graph: inputs their patterns, every other node the AND of its present fanins (all ones without any). */
export function nodeTables(g: CanvasGraph): Uint32Array[] {
  const c = g.canvas;
  const n = canvasSize(c);
  const inputs = Array.from({ length: c.inputs }, (_, i) => inputTable(i, c.inputs));
  const words = inputs[0]?.length ?? 1;
  const full = complementTable(new Uint32Array(words), c.inputs);
  const tables: Uint32Array[] = [];
  for (let v = 0; v < n; v++) {
    if (v < c.inputs) {
      tables.push(inputs[v]);
      continue;
    }
    const t = full.slice();
    for (let u = 0; u < v; u++) {
      const e = g.edge[v * n + u];
      if (e === EDGE_NONE) continue;
      const src = tables[u];
      const flip = e === EDGE_COMPLEMENTED ? 0xffffffff : 0;
      for (let w = 0; w < words; w++) t[w] &= src[w] ^ flip;
    }
    t[words - 1] &= full[words - 1];
    tables.push(t);
  }
  return tables;
}

function count(t: Uint32Array): number {
  let k = 0;
  for (const w of t) k += popcount32(w);
  return k;
}

function relationFeatures(t: Uint32Array, f: Uint32Array, fNot: Uint32Array, minterms: number, out: Float32Array, at: number): void {
  let tAndNotF = 0;
  let notTAndF = 0;
  let tAndF = 0;
  for (let w = 0; w < t.length; w++) {
    tAndNotF += popcount32(t[w] & fNot[w]);
    notTAndF += popcount32(~t[w] & f[w]);
    tAndF += popcount32(t[w] & f[w]);
  }
  const ones = count(t);
  const notTAndNotF = minterms - ones - notTAndF;
  out[at] = tAndNotF === 0 && notTAndF === 0 ? 1 : 0;
  out[at + 1] = tAndF === 0 && notTAndNotF === 0 ? 1 : 0;
  out[at + 2] = notTAndF === 0 ? 1 : 0; // f implies t
  out[at + 3] = tAndF === 0 ? 1 : 0; // f implies !t
  out[at + 4] = tAndNotF === 0 ? 1 : 0; // t implies f
  out[at + 5] = notTAndNotF === 0 ? 1 : 0; // !t implies f
  out[at + 6] = (tAndF + notTAndNotF) / minterms - 0.5;
}

/** One graph for the network: the noisy state, the local step of every node and the requested function. */
export interface NetworkInput {
  readonly graph: CanvasGraph;
  readonly tau: Int32Array;
  readonly steps: number;
  readonly target: TruthFunction;
}

/** Per-node features of one graph, row-major [nodes, featureCount]. */
export function graphFeatures(x: NetworkInput): Float32Array {
  const g = x.graph;
  const c = g.canvas;
  const n = canvasSize(c);
  const minterms = 2 ** c.inputs;
  const O = c.outputs;
  const F = featureCount(minterms, O);
  const out = new Float32Array(n * F);
  const level = nodeLevels(c);
  const role = nodeRoles(c);
  const L = canvasLevels(c);
  const tables = nodeTables(g);
  const fNot = x.target.tables.map((t) => complementTable(t, c.inputs));
  const indeg = new Int32Array(n);
  const outdeg = new Int32Array(n);
  for (let v = 0; v < n; v++) for (let u = 0; u < v; u++) if (g.edge[v * n + u] !== EDGE_NONE) {
    indeg[v]++;
    outdeg[u]++;
  }
  for (let v = 0; v < n; v++) {
    const r = v * F;
    out[r + role[v]] = 1;
    out[r + 3] = level[v] / L;
    out[r + 4] = level[v] / 10;
    const tau = x.tau[v] / x.steps;
    out[r + 5] = tau;
    out[r + 6] = Math.sin(Math.PI * tau);
    out[r + 7] = Math.cos(Math.PI * tau);
    if (role[v] === 1) out[r + (g.type[v] === NODE_AND ? 9 : 8)] = 1;
    out[r + 10] = indeg[v] / 2;
    out[r + 11] = Math.min(outdeg[v], 8) / 4;
    out[r + 12] = tau === 0 ? 1 : 0;
    const t = tables[v];
    for (let m = 0; m < minterms; m++) out[r + BASE + m] = (t[m >>> 5] >>> (m & 31)) & 1 ? 1 : -1;
    for (let o = 0; o < O; o++) {
      const f = x.target.tables[o];
      const at = r + BASE + minterms + o * (minterms + RELATIONS);
      for (let m = 0; m < minterms; m++) out[at + m] = out[r + BASE + m] * ((f[m >>> 5] >>> (m & 31)) & 1 ? 1 : -1);
      relationFeatures(t, f, fNot[o], minterms, out, at + minterms);
    }
  }
  return out;
}

/** The requested function as +-1 per minterm and output, [outputs * minterms]. */
export function conditionVector(target: TruthFunction): Float32Array {
  const minterms = 2 ** target.inputs;
  const out = new Float32Array(target.tables.length * minterms);
  target.tables.forEach((f, o) => {
    for (let m = 0; m < minterms; m++) out[o * minterms + m] = (f[m >>> 5] >>> (m & 31)) & 1 ? 1 : -1;
  });
  return out;
}

/** Everything a forward pass needs for a batch, padded to `size` nodes per graph. */
export interface PackedBatch {
  readonly batch: number;
  readonly size: number;
  readonly features: Float32Array; // [B, N, F]
  readonly plain: Float32Array; // [B, N, N], row = consumer
  readonly complemented: Float32Array; // [B, N, N]
  readonly sameLevel: Float32Array; // [B, N, N], rows sum to 1 over the other nodes of the level
  readonly nodeMask: Float32Array; // [B, N]
  readonly slotMask: Float32Array; // [B, N, N]: edge slots that exist
  readonly internalMask: Float32Array; // [B, N]: slots (typed nodes)
  readonly condition: Float32Array; // [B, O * M]
}

export function packBatch(items: readonly NetworkInput[], size: number): PackedBatch {
  const B = items.length;
  const c0 = items[0].graph.canvas;
  const F = featureCount(2 ** c0.inputs, c0.outputs);
  const N = size;
  const features = new Float32Array(B * N * F);
  const plain = new Float32Array(B * N * N);
  const complemented = new Float32Array(B * N * N);
  const sameLevel = new Float32Array(B * N * N);
  const nodeMask = new Float32Array(B * N);
  const slotMask = new Float32Array(B * N * N);
  const internalMask = new Float32Array(B * N);
  const condition = new Float32Array(B * c0.outputs * 2 ** c0.inputs);
  items.forEach((x, b) => {
    const c = x.graph.canvas;
    const n = canvasSize(c);
    if (n > N) throw new Error(`packBatch: a canvas of ${n} nodes does not fit ${N}`);
    features.set(graphFeatures(x), b * N * F);
    condition.set(conditionVector(x.target), b * condition.length / B);
    const level = nodeLevels(c);
    const role = nodeRoles(c);
    const mask = edgeSlotMask(c);
    for (let v = 0; v < n; v++) {
      nodeMask[b * N + v] = 1;
      if (role[v] === 1) internalMask[b * N + v] = 1;
      let peers = 0;
      for (let u = 0; u < n; u++) if (u !== v && level[u] === level[v]) peers++;
      for (let u = 0; u < n; u++) {
        const at = b * N * N + v * N + u;
        if (u !== v && level[u] === level[v]) sameLevel[at] = 1 / peers;
        if (!mask[v * n + u]) continue;
        slotMask[at] = 1;
        const e = x.graph.edge[v * n + u];
        if (e === EDGE_PLAIN) plain[at] = 1;
        else if (e === EDGE_COMPLEMENTED) complemented[at] = 1;
      }
    }
  });
  return { batch: B, size: N, features, plain, complemented, sameLevel, nodeMask, slotMask, internalMask, condition };
}
