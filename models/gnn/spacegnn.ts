import * as tf from '@tensorflow/tfjs';
import { Parameters, SeededRandom, gatherRows, segmentSum } from '../common/index.ts';
import { type Block, type EdgePass, edgePasses, inEdgeBlock, takeRowsOf } from './block.ts';
import { type CurvatureSign, distanceWeights, throughSpace } from './curvature.ts';
import { type Csr, withSelfLoops } from './graph.ts';
import { BatchNorm, Dense, type ForwardContext, type Gemm, LayerNorm, dropout, inference, tfjsGemm, xavierNormal } from './layers.ts';
import type { Mix, NodeScorer } from './model.ts';
import { meanNormalized, sparseTimesDense } from './propagate.ts';

export const spaceKinds = ['hyperbolic', 'spherical', 'euclidean'] as const;
export type SpaceKind = (typeof spaceKinds)[number];
const signOf: Record<SpaceKind, CurvatureSign> = { hyperbolic: -1, spherical: 1, euclidean: 0 };

export interface SpaceGnnConfig {
  readonly hidden: number;
  /** Branch layers; layer i reads the features averaged over i hops and passes one learned message hop. */
  readonly layers: number;
  readonly dropout: number;
  /** The branches (spaces) the model has: all three for SpaceGNN, one for a single-space variant. */
  readonly spaces: readonly SpaceKind[];
  /** Distance-aware edge weights (false: every weight 0, the message MLP sees [x_s, x_d]). */
  readonly distanceWeights: boolean;
  /** |kappa| at initialisation (kappa = -this in the hyperbolic, +this in the spherical branch) and its random spread. */
  readonly curvatureInit: number;
  readonly curvatureSpread: number;
  /** The default ensemble weights: p = (1-beta)((1-alpha) p_hyperbolic + alpha p_spherical) + beta p_euclidean. */
  readonly alpha: number;
  readonly beta: number;
}

/** Most edges one inference pass materialises at a time (bounds memory to ~32 MB per [edges, 128] tensor). */
const maxEdgesPerPass = 65536;

const softplusInverse = (y: number) => Math.log(Math.expm1(y));

interface BranchLayer {
  inFirst: Dense; inNorm: LayerNorm; inSecond: Dense;
  edgeSource: Dense; edgeTarget: Dense; edgeNorm: LayerNorm; edgeSecond: Dense; edgeBatchNorm: BatchNorm;
  out: Dense; nodeBatchNorm: BatchNorm; combine: Dense;
}

/** One space's GNN: per layer an input MLP, one hop of distance-weighted messages, batch norm, residual. */
class SpaceBranch {
  private readonly layers: BranchLayer[] = [];
  private readonly head: Dense;
  /** Unconstrained curvature parameters; kappa_i = sign * softplus(rho_i), so the sign never changes. */
  private readonly rho: tf.Variable | undefined;
  readonly sign: CurvatureSign;

  constructor(params: Parameters, readonly kind: SpaceKind, numFeatures: number, private readonly config: SpaceGnnConfig, random: SeededRandom) {
    const h = config.hidden;
    const p = kind;
    this.sign = signOf[kind];
    for (let i = 0; i < config.layers; i++) {
      this.layers.push({
        inFirst: new Dense(params, `${p}.${i}.in1`, numFeatures, h, xavierNormal(numFeatures, h)),
        inNorm: new LayerNorm(params, `${p}.${i}.in_norm`, h),
        inSecond: new Dense(params, `${p}.${i}.in2`, h, h, xavierNormal(h, h)),
        // The message MLP's first layer on [w x_s + x_s, x_d] (2h -> h), split into its two halves so
        // each is applied once per node rather than once per edge (the same linear map).
        edgeSource: new Dense(params, `${p}.${i}.msg1_src`, h, h, xavierNormal(2 * h, h)),
        edgeTarget: new Dense(params, `${p}.${i}.msg1_dst`, h, h, xavierNormal(2 * h, h), false),
        edgeNorm: new LayerNorm(params, `${p}.${i}.msg_norm`, h),
        edgeSecond: new Dense(params, `${p}.${i}.msg2`, h, h, xavierNormal(h, h)),
        edgeBatchNorm: new BatchNorm(params, `${p}.${i}.msg_bn`, h),
        out: new Dense(params, `${p}.${i}.out`, h, h, xavierNormal(h, h)),
        nodeBatchNorm: new BatchNorm(params, `${p}.${i}.bn`, h),
        combine: new Dense(params, `${p}.${i}.combine`, 2 * h, h, xavierNormal(2 * h, h)),
      });
    }
    this.head = new Dense(params, `${p}.head`, config.layers * h, 2, xavierNormal(config.layers * h, 2));
    if (this.sign !== 0) {
      this.rho = params.add(`${p}.rho`, [config.layers], 'zeros');
      const init = Array.from({ length: config.layers }, () => softplusInverse(Math.max(1e-3, config.curvatureInit + config.curvatureSpread * random.normal())));
      this.rho.assign(tf.tensor1d(init));
    }
  }

  curvature(i: number): tf.Scalar {
    if (!this.rho) return tf.scalar(0);
    return tf.softplus(this.rho.slice(i, 1)).reshape([]).mul(this.sign) as tf.Scalar;
  }

  curvatures(): number[] {
    return this.rho ? Array.from(tf.tidy(() => tf.softplus(this.rho!).mul(this.sign).dataSync())) : [];
  }

  /**
   * Log-probabilities of the block's targets. `hops[i]` holds the i-hop features of every block
   * node. In inference the edges are processed in passes of bounded size (exact: batch norm then
   * uses its running statistics, so edges are independent).
   */
  forward(hops: readonly tf.Tensor2D[], block: Block, passes: readonly EdgePass[], ctx: ForwardContext): tf.Tensor2D {
    const results = this.layers.map((layer, i) => {
      const kappa = this.curvature(i);
      const h = layer.inSecond.apply(this.inputMlp(layer, hops[i], ctx), ctx).elu();
      const hIn = dropout(h, this.config.dropout, ctx) as tf.Tensor2D;
      const mapped = throughSpace(hIn, kappa, this.sign);
      const sourceProjection = layer.edgeSource.apply(mapped, ctx);
      const outs = passes.map((pass) => this.messagePass(layer, mapped, sourceProjection, pass, kappa, ctx));
      const out = outs.length === 1 ? outs[0] : tf.concat(outs, 0);
      const normed = tf.selu(layer.nodeBatchNorm.apply(out, ctx));
      const before = hIn.slice([0, 0], [block.numTargets, -1]);
      return layer.combine.apply(tf.concat([before, normed], 1) as tf.Tensor2D, ctx);
    });
    return tf.logSoftmax(this.head.apply(tf.concat(results, 1) as tf.Tensor2D, ctx)) as tf.Tensor2D;
  }

  private inputMlp(layer: BranchLayer, x: tf.Tensor2D, ctx: ForwardContext): tf.Tensor2D {
    const first = dropout(layer.inFirst.apply(x, ctx).elu(), this.config.dropout, ctx) as tf.Tensor2D;
    return layer.inNorm.apply(first);
  }

  /** One hop for the targets of `pass` (rows of `mapped` are the block's nodes): messages, sum, residual. */
  private messagePass(layer: BranchLayer, mapped: tf.Tensor2D, sourceProjection: tf.Tensor2D, pass: EdgePass, kappa: tf.Scalar, ctx: ForwardContext): tf.Tensor2D {
    // In inference each pass frees its [edges, hidden] tensors before the next (training keeps them for the gradient).
    const body = () => this.messagePassBody(layer, mapped, sourceProjection, pass, kappa, ctx);
    return ctx.training ? body() : tf.tidy(body);
  }

  private messagePassBody(layer: BranchLayer, mapped: tf.Tensor2D, sourceProjection: tf.Tensor2D, pass: EdgePass, kappa: tf.Scalar, ctx: ForwardContext): tf.Tensor2D {
    const src = tf.tensor1d(pass.edgeSource, 'int32');
    const dst = tf.tensor1d(pass.edgeTarget, 'int32');
    const targets = mapped.slice([pass.firstTarget, 0], [pass.numTargets, -1]);
    const xs = gatherRows(mapped, src) as tf.Tensor2D;
    const xd = gatherRows(targets, dst) as tf.Tensor2D;
    const sourcePart = gatherRows(sourceProjection, src) as tf.Tensor2D;
    const weighted = this.config.distanceWeights ? sourcePart.mul(distanceWeights(xs, xd, kappa, this.sign).add(1)) : sourcePart;
    const targetPart = gatherRows(layer.edgeTarget.apply(targets, ctx), dst);
    const first = dropout(weighted.add(targetPart).elu(), this.config.dropout, ctx) as tf.Tensor2D;
    const second = dropout(layer.edgeSecond.apply(layer.edgeNorm.apply(first), ctx).elu(), this.config.dropout, ctx) as tf.Tensor2D;
    const messages = layer.edgeBatchNorm.apply(second, ctx);
    let out = layer.out.apply(segmentSum(messages, dst, pass.numTargets) as tf.Tensor2D, ctx);
    if (this.sign !== 0) out = tf.selu(throughSpace(out, kappa, this.sign));
    return out.add(targets);
  }
}

/**
 * SpaceGNN (Dong et al., ICLR 2025): a hyperbolic, a spherical and a Euclidean branch with learned
 * per-layer curvature, distance-aware messages, batch norm and residuals; the heads are ensembled
 * with weights alpha, beta chosen on validation (the default first).
 */
export class SpaceGnn implements NodeScorer {
  readonly params: Parameters;
  readonly heads: readonly string[];
  readonly mixes: readonly Mix[];
  readonly classWeighting = 'none' as const;
  private readonly branches: SpaceBranch[];
  /** hops[i]: features averaged over i hops (mean over the neighbours and the node itself), row-major. */
  private readonly hops: Float32Array[] = [];
  private readonly adjacency: Csr;

  constructor(adjacency: Csr, features: Float32Array, private readonly numFeatures: number, readonly config: SpaceGnnConfig, seed: number) {
    this.params = new Parameters(seed);
    const random = new SeededRandom(seed ^ 0x5eed);
    this.adjacency = withSelfLoops(adjacency);
    const mean = meanNormalized(this.adjacency);
    this.hops.push(features);
    for (let i = 1; i < config.layers; i++) this.hops.push(sparseTimesDense(mean, this.hops[i - 1], numFeatures));
    this.branches = config.spaces.map((kind) => new SpaceBranch(this.params, kind, numFeatures, config, random));
    this.heads = [...config.spaces];
    this.mixes = ensembleMixes(config.spaces, config.alpha, config.beta);
  }

  logProbabilities(nodes: Int32Array, ctx: ForwardContext): tf.Tensor2D[] {
    const block = inEdgeBlock(this.adjacency, nodes);
    return this.forwardBlock(block, edgePasses(block), ctx);
  }

  predict(nodes: Int32Array, gemm: Gemm = tfjsGemm): Float32Array[] {
    const block = inEdgeBlock(this.adjacency, nodes);
    const passes = edgePasses(block, maxEdgesPerPass);
    return tf.tidy(() => this.forwardBlock(block, passes, inference(gemm)).map((lp) => lp.slice([0, 1], [-1, 1]).exp().dataSync() as Float32Array));
  }

  private forwardBlock(block: Block, passes: readonly EdgePass[], ctx: ForwardContext): tf.Tensor2D[] {
    const hops = this.hops.map((x) => tf.tensor2d(takeRowsOf(x, this.numFeatures, block.nodes), [block.nodes.length, this.numFeatures]));
    return this.branches.map((b) => b.forward(hops, block, passes, ctx));
  }

  describe(): Record<string, number[]> {
    return Object.fromEntries(this.branches.filter((b) => b.sign !== 0).map((b) => [`curvature.${b.kind}`, b.curvatures()]));
  }

  dispose(): void {
    this.params.dispose();
  }
}

/**
 * The ensembles to choose from: alpha and beta on {0, 1/2, 1} (seven distinct mixes of three
 * heads), the configured (alpha, beta) first. Single-space models have one head and one mix.
 */
export function ensembleMixes(spaces: readonly SpaceKind[], alpha: number, beta: number): Mix[] {
  const index = (k: SpaceKind) => spaces.indexOf(k);
  if (spaces.length === 1) return [{ name: spaces[0], weights: [1] }];
  const mixes: Mix[] = [];
  const seen = new Set<string>();
  for (const [a, b] of [[alpha, beta], ...[0, 0.5, 1].flatMap((a) => [0, 0.5, 1].map((b) => [a, b]))]) {
    const w = new Array<number>(spaces.length).fill(0);
    const add = (k: SpaceKind, v: number) => {
      if (index(k) >= 0) w[index(k)] += v;
    };
    add('hyperbolic', (1 - b) * (1 - a));
    add('spherical', (1 - b) * a);
    add('euclidean', b);
    const key = w.join(',');
    if (seen.has(key) || Math.abs(w.reduce((s, v) => s + v, 0) - 1) > 1e-9) continue;
    seen.add(key);
    mixes.push({ name: `alpha=${a},beta=${b}`, weights: w });
  }
  return mixes;
}
