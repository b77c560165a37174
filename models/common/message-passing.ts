import tf from './tfjs.cjs';

/*
 * Gather and segment sums with explicit gradients. tfjs's own gradient of `gather` calls the
 * UnsortedSegmentSum kernel, which the wasm backend lacks; scatterND (which adds duplicate
 * indices) does the same sum and exists on every backend, so both directions use it. Rows are
 * gathered with gatherND: on the wasm backend it is 10-50x faster than `tf.gather` (200k rows of
 * 128 floats: 0.4 s against 4 s), with the same result.
 */

function takeRows(x: tf.Tensor, rows: tf.Tensor1D): tf.Tensor {
  return tf.gatherND(x, rows.expandDims(1));
}

function scatterRows(values: tf.Tensor, rows: tf.Tensor1D, numRows: number): tf.Tensor {
  return tf.scatterND(rows.expandDims(1), values, [numRows, ...values.shape.slice(1)]);
}

/** Rows `index` of `x` (shape [n, ...] -> [index.length, ...]); differentiable in `x` on any backend. */
export function gatherRows(x: tf.Tensor, index: tf.Tensor1D): tf.Tensor {
  const numRows = x.shape[0];
  const op = tf.customGrad((value: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    // Saved, not captured: a tensor made inside the forward pass is freed before the backward pass.
    (save as tf.GradSaveFunc)([index]);
    return {
      value: takeRows(value as tf.Tensor, index),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => scatterRows(dy, saved[0] as tf.Tensor1D, numRows),
    };
  });
  return op(x);
}

/** out[s] = sum of rows i of `x` with segment[i] = s, for s < numSegments; differentiable in `x`. */
export function segmentSum(x: tf.Tensor, segment: tf.Tensor1D, numSegments: number): tf.Tensor {
  const op = tf.customGrad((value: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    (save as tf.GradSaveFunc)([segment]);
    return {
      value: scatterRows(value as tf.Tensor, segment, numSegments),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => takeRows(dy, saved[0] as tf.Tensor1D),
    };
  });
  return op(x);
}

/** A graph (or a batch of graphs as one disjoint graph) as index tensors. */
export interface GraphTensors {
  readonly numNodes: number;
  readonly src: tf.Tensor1D;
  readonly dst: tf.Tensor1D;
  /** 1 / max(1, in-degree) per node, shape [numNodes, 1]: turns a sum of messages into a mean. */
  readonly inverseInDegree: tf.Tensor2D;
  /** Which graph each node belongs to (all zeros for one graph). */
  readonly graphOf: tf.Tensor1D;
  readonly numGraphs: number;
}

export interface EdgeList { readonly numNodes: number; readonly src: readonly number[]; readonly dst: readonly number[] }

/** Packs several graphs into one disjoint graph (node ids offset) with per-node graph ids. */
export function batchGraphs(graphs: readonly EdgeList[]): GraphTensors {
  const src: number[] = [];
  const dst: number[] = [];
  const graphOf: number[] = [];
  let offset = 0;
  graphs.forEach((g, gi) => {
    for (let e = 0; e < g.src.length; e++) {
      src.push(g.src[e] + offset);
      dst.push(g.dst[e] + offset);
    }
    for (let n = 0; n < g.numNodes; n++) graphOf.push(gi);
    offset += g.numNodes;
  });
  const indeg = new Float32Array(offset);
  for (const d of dst) indeg[d]++;
  for (let i = 0; i < offset; i++) indeg[i] = 1 / Math.max(1, indeg[i]);
  return {
    numNodes: offset,
    src: tf.tensor1d(src, 'int32'),
    dst: tf.tensor1d(dst, 'int32'),
    inverseInDegree: tf.tensor2d(indeg, [offset, 1]),
    graphOf: tf.tensor1d(graphOf, 'int32'),
    numGraphs: graphs.length,
  };
}

export function disposeGraph(g: GraphTensors): void {
  tf.dispose([g.src, g.dst, g.inverseInDegree, g.graphOf]);
}

/** Mean of the features of each node's in-neighbours (zeros for a node without any), shape [n, d]. */
export function meanOfInNeighbours(h: tf.Tensor2D, g: GraphTensors): tf.Tensor2D {
  const messages = gatherRows(h, g.src);
  return segmentSum(messages, g.dst, g.numNodes).mul(g.inverseInDegree) as tf.Tensor2D;
}

/** Mean of the node features of each graph, shape [numGraphs, d]. */
export function meanPoolGraphs(h: tf.Tensor2D, g: GraphTensors): tf.Tensor2D {
  const sums = segmentSum(h, g.graphOf, g.numGraphs);
  const counts = segmentSum(tf.onesLike(h.slice([0, 0], [-1, 1])), g.graphOf, g.numGraphs);
  return sums.div(counts.maximum(1)) as tf.Tensor2D;
}
