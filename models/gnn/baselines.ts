import * as tf from '@tensorflow/tfjs';
import { Parameters, gatherRows } from '../common/index.ts';
import { takeRowsOf } from './block.ts';
import { type Csr, withSelfLoops } from './graph.ts';
import { Dense, type ForwardContext, type Gemm, dropout, inference, tfjsGemm } from './layers.ts';
import { type NodeScorer, singleHead } from './model.ts';
import { type WeightedCsr, meanNormalized, propagate, symmetricNormalized } from './propagate.ts';

export const baselineKinds = ['mlp', 'gcn', 'sage', 'bwgnn'] as const;
export type BaselineKind = (typeof baselineKinds)[number];

export interface BaselineConfig {
  readonly hidden: number;
  readonly dropout: number;
  /** BWGNN's polynomial order C (C + 1 beta-wavelet filters). */
  readonly waveletOrder: number;
}

/**
 * A x W for sparse A: propagates whichever side is narrower, x before the product or x W after it
 * (the same matrix, fewer sparse multiply-adds; DGL's GraphConv makes the same choice).
 */
function propagateLinear(a: WeightedCsr, x: tf.Tensor2D, layer: Dense, ctx: ForwardContext): tf.Tensor2D {
  const [inputs, outputs] = layer.weight.shape;
  if (outputs < inputs) {
    const y = propagate(ctx.gemm(x, layer.weight as tf.Tensor2D, layer.name), a);
    return layer.bias ? y.add(layer.bias) : y;
  }
  return layer.apply(propagate(x, a), ctx);
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

/** Models that compute every node's logits in one full-graph pass. */
abstract class FullGraphScorer implements NodeScorer {
  readonly params: Parameters;
  readonly heads = ['score'];
  readonly mixes = singleHead;
  readonly classWeighting = 'balanced' as const;

  /** The node features as a tensor, for the models that read every node's (disposed with the model). */
  protected readonly features: tf.Tensor2D;

  constructor(seed: number, features: Float32Array, numFeatures: number, wholeGraph: boolean) {
    this.params = new Parameters(seed);
    this.features = wholeGraph ? tf.tensor2d(features, [features.length / numFeatures, numFeatures]) : tf.tensor2d([], [0, numFeatures]);
  }

  /** Logits [numNodes, 2] of every node (or of `nodes` only, for models that can). */
  protected abstract logits(ctx: ForwardContext, nodes: Int32Array): tf.Tensor2D;
  /** Whether `logits` already returns only the rows of `nodes`. */
  protected readonly perNode: boolean = false;

  logProbabilities(nodes: Int32Array, ctx: ForwardContext): tf.Tensor2D[] {
    const all = tf.logSoftmax(this.logits(ctx, nodes)) as tf.Tensor2D;
    return [this.perNode ? all : (gatherRows(all, tf.tensor1d(nodes, 'int32')) as tf.Tensor2D)];
  }

  predict(nodes: Int32Array, gemm: Gemm = tfjsGemm): Float32Array[] {
    return tf.tidy(() => this.logProbabilities(nodes, inference(gemm)).map((lp) => lp.slice([0, 1], [-1, 1]).exp().dataSync() as Float32Array));
  }

  describe(): Record<string, number[]> {
    return {};
  }

  dispose(): void {
    this.params.dispose();
    this.features.dispose();
  }
}

/** Two hidden ReLU layers on the node's own features. */
export class Mlp extends FullGraphScorer {
  protected override readonly perNode = true;
  private readonly layers: Dense[];

  constructor(private readonly rows: Float32Array, private readonly numFeatures: number, private readonly config: BaselineConfig, seed: number) {
    super(seed, rows, numFeatures, false);
    const h = config.hidden;
    this.layers = [new Dense(this.params, 'mlp.0', numFeatures, h), new Dense(this.params, 'mlp.1', h, h), new Dense(this.params, 'mlp.out', h, 2)];
  }

  protected logits(ctx: ForwardContext, nodes: Int32Array): tf.Tensor2D {
    let h = tf.tensor2d(takeRowsOf(this.rows, this.numFeatures, nodes), [nodes.length, this.numFeatures]);
    for (const layer of this.layers.slice(0, -1)) h = dropout(layer.apply(h, ctx).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    return this.layers[this.layers.length - 1].apply(h, ctx);
  }
}

/** Kipf and Welling's GCN: two graph convolutions with D^-1/2 (A + I) D^-1/2, then a linear classifier. */
export class Gcn extends FullGraphScorer {
  private readonly adjacency: WeightedCsr;
  private readonly layers: Dense[];

  constructor(adjacency: Csr, features: Float32Array, numFeatures: number, private readonly config: BaselineConfig, seed: number) {
    super(seed, features, numFeatures, true);
    this.adjacency = symmetricNormalized(withSelfLoops(adjacency));
    const h = config.hidden;
    this.layers = [new Dense(this.params, 'gcn.0', numFeatures, h), new Dense(this.params, 'gcn.1', h, h), new Dense(this.params, 'gcn.out', h, 2)];
  }

  protected logits(ctx: ForwardContext): tf.Tensor2D {
    let h = this.features;
    for (const layer of this.layers.slice(0, -1)) h = dropout(propagateLinear(this.adjacency, h, layer, ctx).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    return this.layers[this.layers.length - 1].apply(h, ctx);
  }
}

/** GraphSAGE with the mean aggregator: h' = ReLU(h W_self + mean_neighbours(h) W_neigh + b), two layers, linear classifier. */
export class Sage extends FullGraphScorer {
  private readonly mean: WeightedCsr;
  private readonly layers: { self: Dense; neighbours: Dense }[];
  private readonly out: Dense;

  constructor(adjacency: Csr, features: Float32Array, numFeatures: number, private readonly config: BaselineConfig, seed: number) {
    super(seed, features, numFeatures, true);
    this.mean = meanNormalized(adjacency);
    const h = config.hidden;
    this.layers = [0, 1].map((i) => ({
      self: new Dense(this.params, `sage.${i}.self`, i === 0 ? numFeatures : h, h),
      neighbours: new Dense(this.params, `sage.${i}.neigh`, i === 0 ? numFeatures : h, h, 'glorot', false),
    }));
    this.out = new Dense(this.params, 'sage.out', h, 2);
  }

  protected logits(ctx: ForwardContext): tf.Tensor2D {
    let h = this.features;
    for (const layer of this.layers) {
      h = dropout(layer.self.apply(h, ctx).add(propagateLinear(this.mean, h, layer.neighbours, ctx)).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    }
    return this.out.apply(h, ctx);
  }
}

/**
 * BWGNN (Tang et al., ICML 2022, homogeneous version): a two-layer MLP, then C + 1 beta-wavelet
 * band-pass filters (polynomials of the normalised Laplacian L = I - D^-1/2 A D^-1/2) side by side,
 * then a two-layer classifier.
 */
export class Bwgnn extends FullGraphScorer {
  private readonly normalized: WeightedCsr;
  private readonly inputs: Dense[];
  private readonly outputs: Dense[];
  private readonly coefficients: number[][];

  constructor(adjacency: Csr, features: Float32Array, numFeatures: number, private readonly config: BaselineConfig, seed: number) {
    super(seed, features, numFeatures, true);
    this.normalized = symmetricNormalized(adjacency);
    this.coefficients = betaWaveletCoefficients(config.waveletOrder);
    const h = config.hidden;
    this.inputs = [new Dense(this.params, 'bwgnn.in0', numFeatures, h), new Dense(this.params, 'bwgnn.in1', h, h)];
    this.outputs = [new Dense(this.params, 'bwgnn.out0', h * this.coefficients.length, h), new Dense(this.params, 'bwgnn.out1', h, 2)];
  }

  protected logits(ctx: ForwardContext): tf.Tensor2D {
    let h = this.features;
    for (const layer of this.inputs) h = layer.apply(h, ctx).relu();
    // L^k h for k = 0..C, shared by every filter.
    const powers = [h];
    for (let k = 1; k < this.coefficients.length; k++) powers.push(powers[k - 1].sub(propagate(powers[k - 1], this.normalized)));
    const filtered = this.coefficients.map((c) => powers.reduce((sum, p, k) => (c[k] === 0 ? sum : sum.add(p.mul(c[k]))), tf.zerosLike(h)));
    const hidden = dropout(this.outputs[0].apply(tf.concat(filtered, 1) as tf.Tensor2D, ctx).relu(), this.config.dropout, ctx) as tf.Tensor2D;
    return this.outputs[1].apply(hidden, ctx);
  }
}
