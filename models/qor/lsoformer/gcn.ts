// The graph encoder: Kipf & Welling's GCN over the AIG taken as undirected, with self loops and the
// symmetric normalisation D^-1/2 (A + I) D^-1/2; message passing through models/common's gather and
// segment sums (the wasm backend has no UnsortedSegmentSum for tf.gather's own gradient).
import * as tf from '@tensorflow/tfjs';
import { gatherRows, segmentSum, type Parameters } from '../../common/index.ts';
import { NODE_FEATURES, type AigGraph } from './aig-graph.ts';

export interface GcnConfig {
  readonly dim: number;
  readonly layers: number;
}

/** The index and weight tensors of one graph (kept for the whole training run). */
export interface GcnGraph {
  readonly numNodes: number;
  readonly features: tf.Tensor2D;
  readonly src: tf.Tensor1D;
  readonly dst: tf.Tensor1D;
  readonly weight: tf.Tensor2D;
}

export function gcnGraph(g: AigGraph): GcnGraph {
  const degree = new Float32Array(g.numNodes).fill(1); // the self loop
  for (let e = 0; e < g.src.length; e++) {
    degree[g.src[e]]++;
    degree[g.dst[e]]++;
  }
  const m = g.src.length;
  const src = new Int32Array(2 * m + g.numNodes);
  const dst = new Int32Array(2 * m + g.numNodes);
  const weight = new Float32Array(2 * m + g.numNodes);
  for (let e = 0; e < m; e++) {
    src[e] = g.src[e];
    dst[e] = g.dst[e];
    src[m + e] = g.dst[e];
    dst[m + e] = g.src[e];
  }
  for (let i = 0; i < g.numNodes; i++) src[2 * m + i] = dst[2 * m + i] = i;
  for (let e = 0; e < src.length; e++) weight[e] = 1 / Math.sqrt(degree[src[e]] * degree[dst[e]]);
  return {
    numNodes: g.numNodes,
    features: tf.tensor2d(g.features, [g.numNodes, NODE_FEATURES]),
    src: tf.tensor1d(src, 'int32'),
    dst: tf.tensor1d(dst, 'int32'),
    weight: tf.tensor2d(weight, [weight.length, 1]),
  };
}

export function disposeGcnGraph(g: GcnGraph): void {
  tf.dispose([g.features, g.src, g.dst, g.weight]);
}

export function defineGcn(p: Parameters, prefix: string, c: GcnConfig): void {
  for (let l = 0; l < c.layers; l++) {
    p.add(`${prefix}.gcn${l}.w`, [l === 0 ? NODE_FEATURES : c.dim, c.dim]);
    p.add(`${prefix}.gcn${l}.b`, [c.dim], 'zeros');
  }
}

/** Node embeddings [numNodes, dim]: each layer h' = relu(Â h W + b). */
export function gcnForward(p: Parameters, prefix: string, c: GcnConfig, g: GcnGraph): tf.Tensor2D {
  let h: tf.Tensor2D = g.features;
  for (let l = 0; l < c.layers; l++) {
    const hw = h.matMul(p.get(`${prefix}.gcn${l}.w`));
    const agg = segmentSum(gatherRows(hw, g.src).mul(g.weight), g.dst, g.numNodes) as tf.Tensor2D;
    h = agg.add(p.get(`${prefix}.gcn${l}.b`)).relu();
  }
  return h;
}
