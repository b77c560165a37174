import * as tf from '@tensorflow/tfjs';
import type { Csr } from './graph.ts';

/** A sparse matrix in CSR form: row v holds entries (col[e], weight[e]) for e in rowPtr[v]..rowPtr[v+1]. */
export interface WeightedCsr extends Csr {
  readonly weight: Float32Array;
}

/** out = A x for a dense row-major x of `width` columns. */
export function sparseTimesDense(a: WeightedCsr, x: Float32Array, width: number): Float32Array {
  const out = new Float32Array(a.numNodes * width);
  for (let v = 0; v < a.numNodes; v++) {
    const o = v * width;
    for (let e = a.rowPtr[v]; e < a.rowPtr[v + 1]; e++) {
      const w = a.weight[e];
      const i = a.col[e] * width;
      for (let k = 0; k < width; k++) out[o + k] += w * x[i + k];
    }
  }
  return out;
}

/** out = A^T y (A square): every entry scatters its weighted row of y back to its column. */
export function sparseTransposeTimesDense(a: WeightedCsr, y: Float32Array, width: number): Float32Array {
  const out = new Float32Array(a.numNodes * width);
  for (let v = 0; v < a.numNodes; v++) {
    const i = v * width;
    for (let e = a.rowPtr[v]; e < a.rowPtr[v + 1]; e++) {
      const w = a.weight[e];
      const o = a.col[e] * width;
      for (let k = 0; k < width; k++) out[o + k] += w * y[i + k];
    }
  }
  return out;
}

/**
 * A x for node features x [n, d] as a differentiable tfjs op (gradient A^T dy). The sum runs on
 * typed arrays over the CSR rows, never materialising the [edges, d] message tensor a
 * gather/segment-sum pair needs: on tolokers (1.05M edge entries) that tensor is 268 MB at d = 64,
 * and the gather alone takes about a second on the wasm backend, against ~0.1 s for this loop.
 */
export function propagate(x: tf.Tensor2D, a: WeightedCsr): tf.Tensor2D {
  const width = x.shape[1];
  const op = tf.customGrad((value: tf.Tensor | tf.GradSaveFunc) => ({
    value: tf.tensor2d(sparseTimesDense(a, (value as tf.Tensor).dataSync() as Float32Array, width), [a.numNodes, width]),
    gradFunc: (dy: tf.Tensor) => tf.tensor2d(sparseTransposeTimesDense(a, dy.dataSync() as Float32Array, width), [a.numNodes, width]),
  }));
  return op(x) as tf.Tensor2D;
}

/** The symmetric normalisation D^-1/2 A D^-1/2 of a graph (with the self-loops it has, if any). */
export function symmetricNormalized(g: Csr): WeightedCsr {
  const inverseSqrt = new Float32Array(g.numNodes);
  for (let v = 0; v < g.numNodes; v++) {
    const d = g.rowPtr[v + 1] - g.rowPtr[v];
    inverseSqrt[v] = d > 0 ? 1 / Math.sqrt(d) : 0;
  }
  const weight = new Float32Array(g.col.length);
  for (let v = 0; v < g.numNodes; v++) {
    for (let e = g.rowPtr[v]; e < g.rowPtr[v + 1]; e++) weight[e] = inverseSqrt[v] * inverseSqrt[g.col[e]];
  }
  return { ...g, weight };
}

/** The mean over each row's neighbours, D^-1 A (rows without neighbours give 0). */
export function meanNormalized(g: Csr): WeightedCsr {
  const weight = new Float32Array(g.col.length);
  for (let v = 0; v < g.numNodes; v++) {
    const d = g.rowPtr[v + 1] - g.rowPtr[v];
    for (let e = g.rowPtr[v]; e < g.rowPtr[v + 1]; e++) weight[e] = 1 / d;
  }
  return { ...g, weight };
}
