import * as tf from '@tensorflow/tfjs';
import type { Init, Parameters, SeededRandom } from '../common/index.ts';

/**
 * A dense matrix product [m, k] x [k, n]. Training uses tfjs's own; inference can route every
 * product through another implementation (e.g. the simulated array), naming the call `site`.
 */
export type Gemm = (a: tf.Tensor2D, b: tf.Tensor2D, site: string) => tf.Tensor2D;

export const tfjsGemm: Gemm = (a, b) => tf.matMul(a, b);

/**
 * tf.matMul with a gradient that transposes explicitly before multiplying: the wasm backend's
 * transposed products (which matMul's own gradient uses) run 3-8x slower than a transpose followed
 * by a plain product (measured on [300, 128] x [128, 128] and [5000, 128] x [128, 128]).
 */
export const trainingGemm: Gemm = (a, b) => {
  const op = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc, w: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    (save as tf.GradSaveFunc)([x as tf.Tensor, w as tf.Tensor]);
    return {
      value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.matMul(dy as tf.Tensor2D, saved[1].transpose()), tf.matMul(saved[0].transpose(), dy as tf.Tensor2D)],
    };
  });
  return op(a, b) as tf.Tensor2D;
};

/** What a forward pass needs besides the weights: training or inference mode, the GEMM, dropout's RNG. */
export interface ForwardContext {
  readonly training: boolean;
  readonly gemm: Gemm;
  /** Seeds dropout masks (training only). */
  readonly random?: SeededRandom;
}

export function inference(gemm: Gemm = tfjsGemm): ForwardContext {
  return { training: false, gemm };
}

/** Inverted dropout with a seeded mask in training; identity in inference. */
export function dropout(x: tf.Tensor, rate: number, ctx: ForwardContext): tf.Tensor {
  if (!ctx.training || rate <= 0) return x;
  if (!ctx.random) throw new Error('dropout in training needs a seeded random stream');
  return tf.dropout(x, rate, undefined, ctx.random.int(2 ** 31));
}

/** Glorot's normal initialisation (PyTorch's xavier_normal_) for a layer of these fan-in and fan-out. */
export function xavierNormal(fanIn: number, fanOut: number): Init {
  return { normal: Math.sqrt(2 / (fanIn + fanOut)) };
}

/** y = x W + b, W [in, out] (Glorot uniform unless `init` says otherwise), b zeros. */
export class Dense {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;

  constructor(params: Parameters, readonly name: string, inputs: number, outputs: number, init: Init = 'glorot', bias = true) {
    this.weight = params.add(`${name}.w`, [inputs, outputs], init);
    this.bias = bias ? params.add(`${name}.b`, [outputs], 'zeros') : undefined;
  }

  apply(x: tf.Tensor2D, ctx: ForwardContext): tf.Tensor2D {
    const y = ctx.gemm(x, this.weight as tf.Tensor2D, this.name);
    return this.bias ? y.add(this.bias) : y;
  }
}

/** Layer normalisation over the last axis with a learned scale and shift (eps 1e-5, as PyTorch). */
export class LayerNorm {
  private readonly gamma: tf.Variable;
  private readonly beta: tf.Variable;

  constructor(params: Parameters, name: string, width: number) {
    this.gamma = params.add(`${name}.gamma`, [width], 'ones');
    this.beta = params.add(`${name}.beta`, [width], 'zeros');
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const { mean, variance } = tf.moments(x, -1, true);
    return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(this.gamma).add(this.beta);
  }
}

/** Names of the running statistics of batch normalisation: stored with the weights, never trained. */
const bufferSuffixes = ['.running_mean', '.running_var'];

/** The variables an optimizer should train: every parameter except batch normalisation's running statistics. */
export function trainableVariables(params: Parameters): tf.Variable[] {
  return params.names().filter((n) => !bufferSuffixes.some((s) => n.endsWith(s))).map((n) => params.get(n));
}

/**
 * Batch normalisation over the rows (nodes or edges) with PyTorch's conventions: batch statistics
 * in training (biased variance to normalise, unbiased for the running estimate, momentum 0.1),
 * running statistics in inference, eps 1e-5. The running statistics are entries of `params` (so
 * snapshots and checkpoints hold them) that `trainableVariables` leaves out.
 */
export class BatchNorm {
  private readonly gamma: tf.Variable;
  private readonly beta: tf.Variable;
  private readonly runningMean: tf.Variable;
  private readonly runningVariance: tf.Variable;

  constructor(params: Parameters, name: string, width: number, private readonly momentum = 0.1) {
    this.gamma = params.add(`${name}.gamma`, [width], 'ones');
    this.beta = params.add(`${name}.beta`, [width], 'zeros');
    this.runningMean = params.add(`${name}${bufferSuffixes[0]}`, [width], 'zeros');
    this.runningVariance = params.add(`${name}${bufferSuffixes[1]}`, [width], 'ones');
  }

  apply(x: tf.Tensor2D, ctx: ForwardContext): tf.Tensor2D {
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (ctx.training) {
      ({ mean, variance } = tf.moments(x, 0));
      const n = x.shape[0];
      const m = this.momentum;
      this.runningMean.assign(tf.tidy(() => this.runningMean.mul(1 - m).add(mean.mul(m))));
      this.runningVariance.assign(tf.tidy(() => this.runningVariance.mul(1 - m).add(variance.mul((m * n) / Math.max(1, n - 1)))));
    } else {
      mean = this.runningMean;
      variance = this.runningVariance;
    }
    return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(this.gamma).add(this.beta);
  }
}
