import * as tf from '@tensorflow/tfjs';
import { Parameters, gatherRows, segmentSum } from '../common/index.ts';
import { takeRowsOf } from './block.ts';
import { type Csr, withSelfLoops } from './graph.ts';
import { Dense, type ForwardContext, type Gemm, dropout, inference, tfjsGemm } from './layers.ts';
import { type NodeScorer, singleHead } from './model.ts';
import { type WeightedCsr, meanNormalized, propagate, rowsAndNeighbours, sparseTimesDense, symmetricNormalized } from './propagate.ts';

export const baselineKinds = ['mlp', 'gcn', 'sage', 'bwgnn'] as const;
export type BaselineKind = (typeof baselineKinds)[number];

export interface BaselineConfig {
  readonly hidden: number;
  readonly dropout: number;
  /** BWGNN's polynomial order C (C + 1 beta-wavelet filters). */
  readonly waveletOrder: number;
}

/**
 * Rows `rows` of A x W for sparse A: propagates whichever side is narrower, x before the product or
 * x W after it (the same matrix, fewer sparse multiply-adds; DGL's GraphConv makes the same choice).
 */
function propagateLinear(a: WeightedCsr, x: tf.Tensor2D, layer: Dense, ctx: ForwardContext, rows: Int32Array): tf.Tensor2D {
  const [inputs, outputs] = layer.weight.shape;
  if (outputs < inputs) {
    const y = propagate(ctx.gemm(x, layer.weight as tf.Tensor2D, layer.name), a, rows);
    return layer.bias ? y.add(layer.bias) : y;
  }
  return layer.apply(propagate(x, a, rows), ctx);
}

function rowsOf(x: tf.Tensor2D, rows: Int32Array): tf.Tensor2D {
  return gatherRows(x, tf.tensor1d(rows, 'int32')) as tf.Tensor2D;
}

/**
 * Coefficients (in powers of x, ascending) of BWGNN's beta wavelets on the normalised Laplacian's
 * spectrum [0, 2]: beta_i(x) = (x/2)^i (1 - x/2)^(C-i) / B(i+1, C+1-i), i = 0..C.
 */
export function betaWaveletCoefficients(order: number): number[][] {
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const binomial = (n: number, k: number) => factorial(n) / (factorial(k) * factorial(n - k));
  return Array.from({ length: order + 1 }, (_, i) => {
    const inverseBeta = factorial(order + 1) / (factorial(i) * factorial(order - i));
    const coefficients = new Array<number>(order + 1).fill(0);
    for (let j = 0; j <= order - i; j++) coefficients[i + j] = (binomial(order - i, j) * (-0.5) ** j * 0.5 ** i) * inverseBeta;
    return coefficients;
  });
}

/**
 * Models whose logits for a set of nodes come from that set's rows alone: the constant first hop
 * (A X) is computed once, and the last hop only for the nodes asked for, so a training step on 50
 * labelled nodes pays for their edges, not the whole graph's.
 */
abstract class RowScorer implements NodeScorer {
  readonly params: Parameters;
  readonly heads = ['score'];
  readonly mixes = singleHead;
  readonly classWeighting = 'balanced' as const;
  private readonly constants: tf.Tensor[] = [];

  constructor(seed: number) {
    this.params = new Parameters(seed);
  }

  /** A constant [n, d] tensor the model keeps (disposed with it). */
  protected constant(values: Float32Array, width: number): tf.Tensor2D {
    const t = tf.tensor2d(values, [values.length / width, width]);
    this.constants.push(t);
    return t;
  }

  /** Logits [nodes, 2] of `nodes`. */
  protected abstract logits(ctx: ForwardContext, nodes: Int32Array): tf.Tensor2D;

  logProbabilities(nodes: Int32Array, ctx: ForwardContext): tf.Tensor2D[] {
    return [tf.logSoftmax(this.logits(ctx, nodes)) as tf.Tensor2D];
  }

  predict(nodes: Int32Array, gemm: Gemm = tfjsGemm): Float32Array[] {
    return tf.tidy(() => this.logProbabilities(nodes, inference(gemm)).map((lp) => lp.slice([0, 1], [-1, 1]).exp().dataSync() as Float32Array));
  }

  describe(): Record<string, number[]> {
    return {};
  }

  dispose(): void {
    this.params.dispose();
    tf.dispose(this.constants);
  }
}

/** Two hidden ReLU layers on the node's own features. */
export class Mlp extends RowScorer {
  private readonly layers: Dense[];

  constructor(private readonly features: Float32Array, private readonly numFeatures: number, private readonly config: BaselineConfig, seed: number) {
    super(seed);
    const h = config.hidden;
    this.layers = [new Dense(this.params, 'mlp.0', numFeatures, h), new Dense(this.params, 'mlp.1', h, h), new Dense(this.params, 'mlp.out', h, 2)];
  }

  protected logits(ctx: ForwardContext, nodes: Int32Array): tf.Tensor2D {
    let h = tf.tensor2d(takeRowsOf(this.features, this.numFeatures, nodes), [nodes.length, this.numFeatures]);
    for (const layer of this.layers.slice(0, -1)) h = dropout(layer.apply(h, ctx).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    return this.layers[this.layers.length - 1].apply(h, ctx);
  }
}

/** Kipf and Welling's GCN: two graph convolutions with D^-1/2 (A + I) D^-1/2, then a linear classifier. */
export class Gcn extends RowScorer {
  private readonly normalized: WeightedCsr;
  /** A X, the first convolution's input (constant). */
  private readonly smoothed: tf.Tensor2D;
  private readonly layers: Dense[];

  constructor(adjacency: Csr, features: Float32Array, numFeatures: number, private readonly config: BaselineConfig, seed: number) {
    super(seed);
    this.normalized = symmetricNormalized(withSelfLoops(adjacency));
    this.smoothed = this.constant(sparseTimesDense(this.normalized, features, numFeatures), numFeatures);
    const h = config.hidden;
    this.layers = [new Dense(this.params, 'gcn.0', numFeatures, h), new Dense(this.params, 'gcn.1', h, h), new Dense(this.params, 'gcn.out', h, 2)];
  }

  protected logits(ctx: ForwardContext, nodes: Int32Array): tf.Tensor2D {
    const [first, second, out] = this.layers;
    const h1 = dropout(first.apply(this.smoothed, ctx).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    const h2 = dropout(propagateLinear(this.normalized, h1, second, ctx, nodes).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    return out.apply(h2, ctx);
  }
}

/** GraphSAGE with the mean aggregator: h' = ReLU(h W_self + mean_neighbours(h) W_neigh + b), two layers, linear classifier. */
export class Sage extends RowScorer {
  private readonly mean: WeightedCsr;
  private readonly features: tf.Tensor2D;
  private readonly neighbourFeatures: tf.Tensor2D;
  private readonly layers: { self: Dense; neighbours: Dense }[];
  private readonly out: Dense;

  constructor(adjacency: Csr, features: Float32Array, numFeatures: number, private readonly config: BaselineConfig, seed: number) {
    super(seed);
    this.mean = meanNormalized(adjacency);
    this.features = this.constant(features, numFeatures);
    this.neighbourFeatures = this.constant(sparseTimesDense(this.mean, features, numFeatures), numFeatures);
    const h = config.hidden;
    this.layers = [0, 1].map((i) => ({
      self: new Dense(this.params, `sage.${i}.self`, i === 0 ? numFeatures : h, h),
      neighbours: new Dense(this.params, `sage.${i}.neigh`, i === 0 ? numFeatures : h, h, 'glorot', false),
    }));
    this.out = new Dense(this.params, 'sage.out', h, 2);
  }

  protected logits(ctx: ForwardContext, nodes: Int32Array): tf.Tensor2D {
    const [first, second] = this.layers;
    const h1 = dropout(first.self.apply(this.features, ctx).add(first.neighbours.apply(this.neighbourFeatures, ctx)).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    const h2 = second.self.apply(rowsOf(h1, nodes), ctx).add(propagateLinear(this.mean, h1, second.neighbours, ctx, nodes)).relu();
    return this.out.apply(dropout(h2, this.config.dropout, ctx) as tf.Tensor2D, ctx);
  }
}

/**
 * BWGNN (Tang et al., ICML 2022, homogeneous version): a two-layer MLP, then C + 1 beta-wavelet
 * band-pass filters (polynomials of the normalised Laplacian L = I - D^-1/2 A D^-1/2) side by side,
 * then a two-layer classifier.
 */
export class Bwgnn extends RowScorer {
  private readonly normalized: WeightedCsr;
  private readonly features: tf.Tensor2D;
  private readonly inputs: Dense[];
  private readonly outputs: Dense[];
  private readonly coefficients: number[][];

  constructor(adjacency: Csr, features: Float32Array, numFeatures: number, private readonly config: BaselineConfig, seed: number) {
    super(seed);
    this.normalized = symmetricNormalized(adjacency);
    this.features = this.constant(features, numFeatures);
    this.coefficients = betaWaveletCoefficients(config.waveletOrder);
    const h = config.hidden;
    this.inputs = [new Dense(this.params, 'bwgnn.in0', numFeatures, h), new Dense(this.params, 'bwgnn.in1', h, h)];
    this.outputs = [new Dense(this.params, 'bwgnn.out0', h * this.coefficients.length, h), new Dense(this.params, 'bwgnn.out1', h, 2)];
  }

  protected logits(ctx: ForwardContext, nodes: Int32Array): tf.Tensor2D {
    let h = this.features;
    for (const layer of this.inputs) h = layer.apply(h, ctx).relu();
    // L^k h at `nodes` for k = 0..C: L^k h is needed on the nodes within C - k hops of them.
    const order = this.coefficients.length - 1;
    const reach = [nodes];
    for (let k = 1; k < order; k++) reach.unshift(rowsAndNeighbours(this.normalized, reach[0]));
    const powers = [rowsOf(h, nodes)];
    let previous = h;
    reach.forEach((rows) => {
      const local = rowsOf(previous, rows).sub(propagate(previous, this.normalized, rows)) as tf.Tensor2D;
      previous = segmentSum(local, tf.tensor1d(rows, 'int32'), h.shape[0]) as tf.Tensor2D;
      powers.push(rowsOf(previous, nodes));
    });
    const filtered = this.coefficients.map((c) => powers.reduce((sum, p, k) => (c[k] === 0 ? sum : sum.add(p.mul(c[k]))), tf.zeros([nodes.length, h.shape[1]])));
    const hidden = dropout(this.outputs[0].apply(tf.concat(filtered, 1) as tf.Tensor2D, ctx).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    return this.outputs[1].apply(hidden, ctx);
  }
}
