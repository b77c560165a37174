/**
 * CMoE's light fine-tuning on tfjs: LoRA adapters on every attention and FFN projection and the
 * routed experts' weight scales are trained with the next-token loss on training text; the
 * representatives' router stays frozen, and the balancing bias keeps its auxiliary-loss-free update
 * (+-rate per step toward the mean load of the step's tokens, as during MoE training). The carved FFN
 * enters the training graph as per-token weights of the dense FFN's neurons (1 for shared
 * neurons, 1 + s_e * scale_e for the neurons of a picked expert e, 0 otherwise), which computes
 * exactly the mixture's output.
 */
import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../../../../util/index.ts';
import { sampleBatch } from '../../data/token-stream.ts';
import type { LlamaWeights } from '../../checkpoint.ts';
import { TfLlama } from '../../train/tf-llama.ts';
import type { CarvedLayer } from './carve.ts';
import { routerRows, selectExperts, updateBias, type RouterRows } from './moe-ffn.ts';

export interface CmoeFinetuneOptions {
  readonly steps: number;
  /** Windows per step. */
  readonly batch: number;
  readonly context: number;
  readonly lr: number;
  readonly rank: number;
  readonly alpha: number;
  readonly seed: number;
  /** Bias update per step toward the mean load (0: the bias stays as carved). */
  readonly balanceRate: number;
}

export interface CmoeFinetuneResult {
  /** The weights with the adapters folded in. */
  readonly weights: LlamaWeights;
  /** Per layer, the trained weight scale of each routed expert. */
  readonly scales: Float64Array[];
  /** Per layer, the balancing bias after the fine-tuning steps' updates. */
  readonly biases: Float64Array[];
  readonly samples: number;
  readonly tokens: number;
  readonly seconds: number;
  readonly losses: number[];
}

export interface RoutedLayer {
  readonly carved: CarvedLayer;
  readonly bias: Float64Array;
  /** The router's rows (default: the representatives' rows of the weights fine-tuning starts from). */
  readonly router?: RouterRows;
}

/** Router [dim, 2R] ([in, out]: the representatives' gate columns, then their up columns). */
function routerMatrix(rows: RouterRows, R: number, dim: number): Float32Array {
  const out = new Float32Array(dim * 2 * R);
  for (let e = 0; e < R; e++) {
    for (let d = 0; d < dim; d++) { out[d * 2 * R + e] = rows.gate[e * dim + d]; out[d * 2 * R + R + e] = rows.up[e * dim + d]; }
  }
  return out;
}

/**
 * Puts the carved FFNs into a TfLlama graph (its `ffnGate` hook): the router rows are the layers'
 * own or else come from `weights` (frozen), each layer gets a trainable scale per routed expert (0 at first). The biases
 * start as the layers' (copied); with `balanceRate` > 0 every pass moves each expert's bias by
 * +-balanceRate toward the mean load of the pass's tokens. Returns the scales, the biases and a
 * dispose function for the constants.
 */
export function installCmoeGate(model: TfLlama, weights: LlamaWeights, layers: readonly RoutedLayer[], active: number, balanceRate = 0): { scales: tf.Variable[]; biases: Float64Array[]; dispose: () => void } {
  const biases = layers.map((l) => Float64Array.from(l.bias));
  const { dim, hiddenDim } = weights.config;
  const consts = layers.map((l, i) => {
    const R = l.carved.experts.length;
    const assign = new Float32Array(R * hiddenDim);
    l.carved.experts.forEach((ids, e) => ids.forEach((j) => { assign[e * hiddenDim + j] = 1; }));
    const shared = new Float32Array(hiddenDim);
    l.carved.shared.forEach((j) => { shared[j] = 1; });
    return {
      R,
      router: tf.tensor2d(routerMatrix(l.router ?? routerRows(weights.layers[i], l.carved.representatives, dim), R, dim), [dim, 2 * R]),
      assign: tf.tensor2d(assign, [R, hiddenDim]),
      shared: tf.tensor1d(shared),
      scale: tf.variable(tf.zeros([R]), true),
    };
  });
  model.hooks = {
    ffnGate: (l, xf) => {
      const c = consts[l];
      const z = tf.matMul(xf, c.router);
      const g = tf.slice(z, [0, 0], [-1, c.R]), u = tf.slice(z, [0, c.R], [-1, c.R]);
      const s = tf.softmax(tf.abs(tf.mul(u, tf.mul(g, tf.sigmoid(g))))) as tf.Tensor2D;
      // The selection is a constant of the step (no gradient flows through which experts are picked).
      const rows = s.shape[0];
      const picked = selectExperts(Float64Array.from(s.dataSync()), rows, c.R, active, biases[l]);
      const mask = new Float32Array(rows * c.R);
      picked.forEach((ts, e) => ts.forEach((t) => { mask[t * c.R + e] = 1; }));
      if (balanceRate > 0) updateBias(biases[l], picked, (rows * active) / c.R, balanceRate);
      const weightsOfExperts = tf.mul(tf.tensor2d(mask, [rows, c.R]), tf.add(1, tf.mul(s, c.scale)));
      return tf.add(tf.matMul(weightsOfExperts, c.assign), c.shared) as tf.Tensor2D;
    },
  };
  return {
    scales: consts.map((c) => c.scale),
    biases,
    dispose: () => { model.hooks = {}; for (const c of consts) tf.dispose([c.router, c.assign, c.shared, c.scale]); },
  };
}

export async function finetuneCmoe(weights: LlamaWeights, layers: readonly RoutedLayer[], active: number, trainStream: Uint16Array, o: CmoeFinetuneOptions, onStep?: (loss: number) => void): Promise<CmoeFinetuneResult> {
  const model = new TfLlama(weights.config, o.seed);
  model.fromWeights(weights);
  const lora = model.addLora({ rank: o.rank, alpha: o.alpha });
  const gate = installCmoeGate(model, weights, layers, active, o.balanceRate);
  const vars = [...lora, ...gate.scales];
  const optimizer = tf.train.adam(o.lr);
  const losses: number[] = [];
  const t0 = Date.now();
  for (let step = 0; step < o.steps; step++) {
    const b = sampleBatch(trainStream, o.batch, o.context, o.seed + 1, step);
    const loss = tf.tidy(() => optimizer.minimize(() => model.loss(tf.tensor2d(b.inputs, [o.batch, o.context], 'int32'), tf.tensor2d(b.targets, [o.batch, o.context], 'int32')), true, vars) as tf.Scalar);
    const value = loss.dataSync()[0];
    loss.dispose();
    losses.push(value);
    onStep?.(value);
    await yieldToEventLoop(); // Ctrl-C between steps
  }
  const seconds = (Date.now() - t0) / 1000;
  const result: CmoeFinetuneResult = {
    weights: model.toWeights(),
    scales: gate.scales.map((v) => Float64Array.from(v.dataSync())),
    biases: gate.biases,
    samples: o.steps * o.batch, tokens: o.steps * o.batch * o.context, seconds, losses,
  };
  optimizer.dispose();
  gate.dispose();
  model.dispose();
  return result;
}
