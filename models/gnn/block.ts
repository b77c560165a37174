import type { Csr } from './graph.ts';

/**
 * The one-hop computation block of a set of target nodes (DGL's "block"): the targets first, then
 * every other node with an edge into a target; edges as local indices (source into `nodes`,
 * target into the targets).
 */
export interface Block {
  /** Graph node ids: the targets (in the order given), then the other sources. */
  readonly nodes: Int32Array;
  readonly numTargets: number;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
}

/** The block of `targets` over the rows of `g` (a node's row lists the nodes that send to it). */
export function inEdgeBlock(g: Csr, targets: Int32Array): Block {
  const local = new Map<number, number>();
  const nodes: number[] = [];
  targets.forEach((t) => {
    if (local.has(t)) throw new Error(`target ${t} listed twice`);
    local.set(t, nodes.length);
    nodes.push(t);
  });
  let edges = 0;
  for (const t of targets) edges += g.rowPtr[t + 1] - g.rowPtr[t];
  const edgeSource = new Int32Array(edges);
  const edgeTarget = new Int32Array(edges);
  let e = 0;
  targets.forEach((t, ti) => {
    for (let k = g.rowPtr[t]; k < g.rowPtr[t + 1]; k++) {
      const s = g.col[k];
      let ls = local.get(s);
      if (ls === undefined) {
        ls = nodes.length;
        local.set(s, ls);
        nodes.push(s);
      }
      edgeSource[e] = ls;
      edgeTarget[e++] = ti;
    }
  });
  return { nodes: Int32Array.from(nodes), numTargets: targets.length, edgeSource, edgeTarget };
}

/** Targets firstTarget..firstTarget+numTargets-1 of a block with their in-edges (target ids local to the pass). */
export interface EdgePass {
  readonly firstTarget: number;
  readonly numTargets: number;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
}

/**
 * Splits a block's edges into passes over consecutive targets with at most `maxEdges` edges each
 * (a target with more is a pass of its own). Relies on the block listing edges target by target.
 */
export function edgePasses(block: Block, maxEdges = Infinity): EdgePass[] {
  const offsets = new Int32Array(block.numTargets + 1);
  for (const t of block.edgeTarget) offsets[t + 1]++;
  for (let t = 0; t < block.numTargets; t++) offsets[t + 1] += offsets[t];
  const passes: EdgePass[] = [];
  const cut = (first: number, end: number) => {
    const edgeTarget = block.edgeTarget.slice(offsets[first], offsets[end]);
    for (let e = 0; e < edgeTarget.length; e++) edgeTarget[e] -= first;
    passes.push({ firstTarget: first, numTargets: end - first, edgeSource: block.edgeSource.subarray(offsets[first], offsets[end]), edgeTarget });
  };
  let first = 0;
  for (let t = 0; t < block.numTargets; t++) {
    if (t > first && offsets[t + 1] - offsets[first] > maxEdges) {
      cut(first, t);
      first = t;
    }
  }
  if (first < block.numTargets || block.numTargets === 0) cut(first, block.numTargets);
  return passes;
}

/** Rows `rows` of a row-major matrix with `width` columns. */
export function takeRowsOf(x: Float32Array, width: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(x.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return out;
}
