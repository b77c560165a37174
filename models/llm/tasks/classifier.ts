/**
 * A sequence classifier on the language model: the backbone's final hidden states (after its last
 * RMSNorm), mean-pooled over the tokens of each input, times a linear head [dim, classes] plus a
 * bias. Inputs are BOS + the text's tokens, cut to `maxTokens`, right-padded within a batch; the
 * model is causal, so padding never changes a real token's state, and the pooling ignores it.
 */
import * as tf from '@tensorflow/tfjs';
import type { LlamaWeights } from '../checkpoint.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import { TfLlama, type LoraOptions } from '../train/tf-llama.ts';
import { matmul } from '../train/matmul.ts';

export interface Head {
  readonly classes: number;
  /** [dim, classes], row-major. */
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

export interface EncodedBatch {
  readonly tokens: Int32Array;
  readonly rows: number;
  readonly cols: number;
  /** Tokens of each row (BOS included). */
  readonly lengths: Int32Array;
}

export const HEAD_WEIGHT = 'head.weight';
export const HEAD_BIAS = 'head.bias';

/** BOS + tokens of each text, cut to `maxTokens`, padded with 0 to the longest row. */
export function encodeTexts(tokenizer: Tokenizer, texts: readonly string[], maxTokens: number): EncodedBatch {
  const rows = texts.map((t) => [tokenizer.bos, ...tokenizer.encode(t)].slice(0, maxTokens));
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const tokens = new Int32Array(rows.length * cols);
  rows.forEach((r, i) => tokens.set(r, i * cols));
  return { tokens, rows: rows.length, cols, lengths: Int32Array.from(rows, (r) => r.length) };
}

/** The [rows, rows*cols] matrix that averages each row's real tokens (one matMul pools the batch). */
export function poolMatrix(b: EncodedBatch): tf.Tensor2D {
  const m = new Float32Array(b.rows * b.rows * b.cols);
  for (let r = 0; r < b.rows; r++) for (let t = 0; t < b.lengths[r]; t++) m[r * b.rows * b.cols + r * b.cols + t] = 1 / b.lengths[r];
  return tf.tensor2d(m, [b.rows, b.rows * b.cols]);
}

export class Classifier {
  readonly model: TfLlama;

  constructor(weights: LlamaWeights, readonly classes: number, seed: number, head?: Head) {
    this.model = new TfLlama(weights.config, seed);
    this.model.fromWeights(weights);
    const dim = weights.config.dim;
    this.model.params.add(HEAD_WEIGHT, [dim, classes], { normal: 1 / Math.sqrt(dim) });
    this.model.params.add(HEAD_BIAS, [classes], 'zeros');
    if (head) this.setHead(head);
  }

  /** LoRA adapters on the backbone; returns the variables to train (with the head's). */
  addLora(o: LoraOptions): tf.Variable[] {
    return [...this.model.addLora(o), this.model.params.get(HEAD_WEIGHT), this.model.params.get(HEAD_BIAS)];
  }

  setHead(head: Head): void {
    if (head.classes !== this.classes) throw new Error(`head has ${head.classes} classes, classifier ${this.classes}`);
    this.model.params.get(HEAD_WEIGHT).assign(tf.tensor2d(head.weight, [this.model.config.dim, this.classes]));
    this.model.params.get(HEAD_BIAS).assign(tf.tensor1d(head.bias));
  }

  head(): Head {
    return { classes: this.classes, weight: Float32Array.from(this.model.params.get(HEAD_WEIGHT).dataSync()), bias: Float32Array.from(this.model.params.get(HEAD_BIAS).dataSync()) };
  }

  /** Sets the backbone (LoRA adapters, if any, stay). */
  setBackbone(weights: LlamaWeights): void {
    this.model.fromWeights(weights);
  }

  /** Class logits [rows, classes]. */
  logits(b: EncodedBatch): tf.Tensor2D {
    return this.logitsFrom(this.model.residual(tf.tensor2d(b.tokens, [b.rows, b.cols], 'int32'), 0), 0, b);
  }

  /** Class logits from the residual stream x entering block `from` (see `TfLlama.residual`). */
  logitsFrom(x: tf.Tensor2D, from: number, b: EncodedBatch): tf.Tensor2D {
    const hidden = this.model.hiddenFrom(x, from, b.rows, b.cols);
    const pooled = tf.matMul(poolMatrix(b), hidden) as tf.Tensor2D;
    return tf.add(matmul(pooled, this.model.params.get(HEAD_WEIGHT) as tf.Tensor2D), this.model.params.get(HEAD_BIAS)) as tf.Tensor2D;
  }

  /**
   * Mean cross-entropy of the batch against `labels`; with `ranges`, row r's softmax runs over its
   * classes [from, to) only (a multi-task head).
   */
  loss(b: EncodedBatch, labels: Int32Array, ranges?: readonly (readonly [number, number])[]): tf.Scalar {
    let logits = this.logits(b);
    if (ranges) {
      const mask = new Float32Array(b.rows * this.classes).fill(-1e9);
      ranges.forEach(([from, to], r) => mask.fill(0, r * this.classes + from, r * this.classes + to));
      logits = tf.add(logits, tf.tensor2d(mask, [b.rows, this.classes]));
    }
    const logp = tf.logSoftmax(logits);
    return tf.neg(tf.mean(tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(labels, 'int32'), this.classes)), -1))) as tf.Scalar;
  }

  /** Class probabilities of each batch row, [rows][classes]. */
  probabilities(b: EncodedBatch): Float32Array[] {
    const p = tf.tidy(() => tf.softmax(this.logits(b)).dataSync() as Float32Array);
    return Array.from({ length: b.rows }, (_, r) => p.slice(r * this.classes, (r + 1) * this.classes));
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** The index of the largest value. */
export function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}
