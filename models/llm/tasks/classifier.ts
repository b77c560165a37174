/**
 * A sequence classifier on the language model: the backbone's final hidden states (after its last
 * RMSNorm), mean-pooled over the tokens of each input, times a linear head [dim, classes] plus a
 * bias. Inputs are BOS + the text's tokens, cut to `maxTokens`, right-padded within a batch; the
 * model is causal, so padding never changes a real token's state, and the pooling ignores it.
 * With label words instead, a prompt follows the text and the class logits are the language
 * model's own next-token logits of each class's label word after it (the tied embedding rows),
 * read at the last real token: no new parameters.
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

/** A task's prompt and its classes' label words (label-word scoring). */
export interface LabelWords {
  readonly prompt: string;
  readonly words: readonly string[];
}

/** The token ids of a prompt (after the text) and of each label word (its first token after a space), which must differ. */
export interface LabelScoring {
  readonly suffix: readonly number[];
  readonly tokens: readonly number[];
}

export function labelScoring(tokenizer: Tokenizer, lw: LabelWords): LabelScoring {
  const tokens = lw.words.map((w) => tokenizer.encode(` ${w}`)[0]);
  if (new Set(tokens).size !== tokens.length) throw new Error(`label words ${lw.words.join(', ')} share a first token`);
  return { suffix: tokenizer.encode(lw.prompt), tokens };
}

/** BOS + tokens of each text, cut to `maxTokens` (less the suffix, which follows), padded with 0 to the longest row. */
export function encodeTexts(tokenizer: Tokenizer, texts: readonly string[], maxTokens: number, suffix: readonly number[] = []): EncodedBatch {
  const rows = texts.map((t) => [...[tokenizer.bos, ...tokenizer.encode(t)].slice(0, Math.max(1, maxTokens - suffix.length)), ...suffix]);
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const tokens = new Int32Array(rows.length * cols);
  rows.forEach((r, i) => tokens.set(r, i * cols));
  return { tokens, rows: rows.length, cols, lengths: Int32Array.from(rows, (r) => r.length) };
}

/** The [rows, rows*cols] matrix that averages each row's real tokens (one matMul pools the batch); with `last`, picks each row's last real token. */
export function poolMatrix(b: EncodedBatch, last = false): tf.Tensor2D {
  const m = new Float32Array(b.rows * b.rows * b.cols);
  for (let r = 0; r < b.rows; r++) {
    if (last) m[r * b.rows * b.cols + r * b.cols + b.lengths[r] - 1] = 1;
    else for (let t = 0; t < b.lengths[r]; t++) m[r * b.rows * b.cols + r * b.cols + t] = 1 / b.lengths[r];
  }
  return tf.tensor2d(m, [b.rows, b.rows * b.cols]);
}

export class Classifier {
  readonly model: TfLlama;

  constructor(weights: LlamaWeights, readonly classes: number, seed: number, head?: Head, readonly scoring?: LabelScoring) {
    if (scoring && scoring.tokens.length !== classes) throw new Error(`${scoring.tokens.length} label words for ${classes} classes`);
    this.model = new TfLlama(weights.config, seed);
    this.model.fromWeights(weights);
    const dim = weights.config.dim;
    this.model.params.add(HEAD_WEIGHT, [dim, classes], { normal: 1 / Math.sqrt(dim) });
    this.model.params.add(HEAD_BIAS, [classes], 'zeros');
    if (head) this.setHead(head);
  }

  /** LoRA adapters on the backbone; returns the variables to train (with the head's, unless label words score). */
  addLora(o: LoraOptions): tf.Variable[] {
    return [...this.model.addLora(o), ...(this.scoring ? [] : [this.model.params.get(HEAD_WEIGHT), this.model.params.get(HEAD_BIAS)])];
  }

  /** The inputs of `texts` as this classifier reads them (the prompt after each text with label words). */
  encode(tokenizer: Tokenizer, texts: readonly string[], maxTokens: number): EncodedBatch {
    return encodeTexts(tokenizer, texts, maxTokens, this.scoring?.suffix);
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
    const pooled = tf.matMul(poolMatrix(b, this.scoring !== undefined), hidden) as tf.Tensor2D;
    if (this.scoring) {
      // The label words' embedding rows, [dim, classes], picked by a one-hot product (tfjs's gather has no gradient on wasm).
      const vocab = this.model.config.vocab, pick = new Float32Array(vocab * this.classes);
      this.scoring.tokens.forEach((t, c) => { pick[t * this.classes + c] = 1; });
      const rows = tf.matMul(this.model.params.get('tok_embeddings.weight') as tf.Tensor2D, tf.tensor2d(pick, [vocab, this.classes]), true, false) as tf.Tensor2D;
      return matmul(pooled, rows);
    }
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
