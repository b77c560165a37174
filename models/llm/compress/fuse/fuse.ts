/**
 * FuseGPT's fusion of one removed block into its neighbours, with local distillation: every
 * projection of each neighbour (the blocks up to `reach` before and after it) becomes
 *   W' = W + (alpha / r) A B + (C_A C_B) * W_removed      ([in, out] layout, * elementwise)
 * with W and W_removed frozen, LoRA A B (B = 0 at first) and the low-rank coefficient C_A C_B
 * (C_B = 0 at first, so the start is plain removal). The group (neighbours, removed block gone) is
 * trained so that, from the hidden state entering the group, its output matches the model's output
 * with the removed block still in place (mean squared error). `fuse: false` trains the LoRA terms
 * only: removal healed by the same budget without fusion.
 */
import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../../../../util/index.ts';
import { sampleBatch } from '../../data/token-stream.ts';
import type { LlamaWeights } from '../../checkpoint.ts';
import { PROJECTIONS, TfLlama, type Projection } from '../../train/tf-llama.ts';
import { gatherRows } from '../../../common/index.ts';
import { transpose } from '../../../common/gemm/index.ts';
import { createRng } from '../../../../hw/index.ts';
import { removeBlock } from './influence.ts';

export interface FuseOptions {
  /** Neighbours on each side that take in the removed block. */
  readonly reach: number;
  readonly rank: number;
  readonly alpha: number;
  /** Rank of the fusion coefficient C_A C_B. */
  readonly coefficientRank: number;
  readonly steps: number;
  readonly batch: number;
  readonly context: number;
  readonly lr: number;
  /** Learning rate of the fusion coefficient's factors (default `lr`). */
  readonly fusionLr?: number;
  readonly seed: number;
  /** False: LoRA only (healing without fusion). */
  readonly fuse: boolean;
}

export interface FuseResult {
  readonly weights: LlamaWeights;
  readonly neighbours: number[];
  readonly samples: number;
  readonly seconds: number;
  readonly lossFirst: number;
  readonly lossLast: number;
  /**
   * How strongly the removed block's weights came back: mean and largest |C_A C_B| over every
   * fused projection's coefficient (null without fusion). At 1, a neighbour holds W + W_removed.
   */
  readonly coefficient: { readonly meanAbs: number; readonly maxAbs: number } | null;
}

interface Adapter { a: tf.Variable; b: tf.Variable; ca?: tf.Variable; cb?: tf.Variable; removed?: tf.Tensor2D }

/** [in, out] layout of a projection as the engine holds it ([out, in]). */
function inOut(w: Float32Array, out: number, inp: number): tf.Tensor2D {
  return tf.tensor2d(transpose(w, out, inp), [inp, out]);
}

const shapeOf = (w: LlamaWeights, p: Projection): [number, number] => {
  const { dim, hiddenDim, heads, kvHeads } = w.config;
  const kv = (dim / heads) * kvHeads;
  return ({ wq: [dim, dim], wk: [dim, kv], wv: [dim, kv], wo: [dim, dim], w1: [dim, hiddenDim], w3: [dim, hiddenDim], w2: [hiddenDim, dim] } as const)[p] as [number, number];
};

/**
 * Removes block `r` of `weights`, fusing it into its neighbours and training them by local
 * distillation on windows of `trainStream`. With zero steps the result is plain removal.
 */
export async function fuseBlock(weights: LlamaWeights, r: number, trainStream: Uint16Array, o: FuseOptions): Promise<FuseResult> {
  const L = weights.layers.length;
  const first = Math.max(0, r - o.reach), last = Math.min(L - 1, r + o.reach);
  const teacher = new TfLlama(weights.config, o.seed);
  teacher.fromWeights(weights);
  const removedWeights = removeBlock(weights, r);
  const student = new TfLlama(removedWeights.config, o.seed);
  student.fromWeights(removedWeights);
  // Student indices of the neighbours (blocks after r shift down by one).
  const neighbours = Array.from({ length: last - first + 1 }, (_, k) => first + k).filter((i) => i !== r);
  const studentIndex = (i: number) => (i > r ? i - 1 : i);
  const rng = createRng(o.seed * 7919 + 17);
  const normal = (shape: [number, number], std: number) => tf.variable(tf.tensor2d(Float32Array.from({ length: shape[0] * shape[1] }, () => rng.normal() * std), shape), true);
  const adapters = new Map<string, Adapter>();
  for (const i of neighbours) {
    for (const p of PROJECTIONS) {
      const [inp, out] = shapeOf(weights, p);
      const ad: Adapter = { a: normal([inp, o.rank], 1 / Math.sqrt(o.rank)), b: tf.variable(tf.zeros([o.rank, out]), true) };
      if (o.fuse) {
        ad.ca = normal([inp, o.coefficientRank], 1 / Math.sqrt(o.coefficientRank));
        ad.cb = tf.variable(tf.zeros([o.coefficientRank, out]), true);
        ad.removed = inOut(weights.layers[r][p], out, inp);
      }
      adapters.set(`${studentIndex(i)}.${p}`, ad);
    }
  }
  student.hooks = {
    weight: (l, p, base) => {
      const ad = adapters.get(`${l}.${p}`);
      if (!ad) return base;
      let w = tf.add(base, tf.mul(tf.matMul(ad.a, ad.b), o.alpha / o.rank));
      if (ad.ca && ad.cb && ad.removed) w = tf.add(w, tf.mul(tf.matMul(ad.ca, ad.cb), ad.removed));
      return w as tf.Tensor2D;
    },
  };
  // Adam moves each entry by about its learning rate per step, so the coefficient (from zero) can
  // reach only about steps x rate: its own rate lets the removed weights come back within the budget.
  const loraVars = [...adapters.values()].flatMap((ad) => [ad.a, ad.b]);
  const fusionVars = [...adapters.values()].flatMap((ad) => (ad.ca && ad.cb ? [ad.ca, ad.cb] : []));
  const optimizer = tf.train.adam(o.lr);
  const fusionOptimizer = tf.train.adam(o.fusionLr ?? o.lr);
  const embed = (m: TfLlama, ids: Int32Array) => gatherRows(m.params.get('tok_embeddings.weight'), tf.tensor1d(ids, 'int32')) as tf.Tensor2D;
  const losses: number[] = [];
  const t0 = Date.now();
  for (let step = 0; step < o.steps; step++) {
    const { inputs } = sampleBatch(trainStream, o.batch, o.context, o.seed + 2, step);
    const B = o.batch, T = o.context;
    // The group's input and the teacher's output at its end (the removed block in place).
    const [input, target] = tf.tidy(() => {
      let x = embed(teacher, inputs);
      for (let l = 0; l < first; l++) x = teacher.block(x, l, B, T);
      const entry = x;
      for (let l = first; l <= last; l++) x = teacher.block(x, l, B, T);
      return [tf.keep(entry), tf.keep(x)];
    });
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        let x = input;
        // The neighbours are student blocks first .. last - 1 (those after r moved down by one).
        for (let l = first; l < last; l++) x = student.block(x, l, B, T);
        return tf.mean(tf.square(tf.sub(x, target))) as tf.Scalar;
      }, [...loraVars, ...fusionVars]);
      optimizer.applyGradients(loraVars.map((v) => ({ name: v.name, tensor: grads[v.name] })));
      if (fusionVars.length > 0) fusionOptimizer.applyGradients(fusionVars.map((v) => ({ name: v.name, tensor: grads[v.name] })));
      return value;
    });
    losses.push(loss.dataSync()[0]);
    tf.dispose([loss, input, target]);
    await yieldToEventLoop(); // Ctrl-C between steps
  }
  const seconds = (Date.now() - t0) / 1000;
  let sumAbs = 0, count = 0, maxAbs = 0;
  for (const ad of adapters.values()) {
    if (!ad.ca || !ad.cb) continue;
    const c = tf.tidy(() => tf.abs(tf.matMul(ad.ca!, ad.cb!)).dataSync() as Float32Array);
    for (const v of c) { sumAbs += v; maxAbs = Math.max(maxAbs, v); }
    count += c.length;
  }
  // Fold the effective weights into the engine's form.
  const layers = removedWeights.layers.map((layer, l) => {
    const out = { ...layer };
    for (const p of PROJECTIONS) {
      if (!adapters.has(`${l}.${p}`)) continue;
      const [inp, outDim] = shapeOf(weights, p);
      const w = tf.tidy(() => student.hooks.weight!(l, p, inOut(layer[p], outDim, inp)).dataSync() as Float32Array);
      out[p] = transpose(Float32Array.from(w), inp, outDim);
    }
    return out;
  });
  optimizer.dispose();
  fusionOptimizer.dispose();
  for (const ad of adapters.values()) tf.dispose([ad.a, ad.b, ...(ad.ca ? [ad.ca] : []), ...(ad.cb ? [ad.cb] : []), ...(ad.removed ? [ad.removed] : [])]);
  teacher.dispose();
  student.dispose();
  return {
    weights: { ...removedWeights, layers }, neighbours, samples: o.steps * o.batch, seconds,
    lossFirst: losses[0] ?? NaN, lossLast: losses[losses.length - 1] ?? NaN,
    coefficient: count > 0 ? { meanAbs: sumAbs / count, maxAbs } : null,
  };
}
