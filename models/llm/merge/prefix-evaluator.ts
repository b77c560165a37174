/**
 * Accuracy of many backbones that share their lower blocks (fine-tunes of the same base that
 * trained only the last blocks, and every merge of them): each example set's residual stream
 * entering the first changed block is computed once, with the base, and each backbone runs only
 * the blocks above it. With `from` -1 (the embedding differs) nothing is shared: each backbone
 * runs from its own embedding.
 */
import * as tf from '@tensorflow/tfjs';
import type { LlamaWeights } from '../checkpoint.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import { argmax, Classifier, encodeTexts, type EncodedBatch, type Example, type Head } from '../tasks/index.ts';

interface CachedBatch { readonly b: EncodedBatch; readonly x?: tf.Tensor2D; readonly labels: Int32Array }

export class PrefixEvaluator {
  private readonly sets = new Map<string, CachedBatch[]>();
  private readonly classifiers = new Map<number, Classifier>();

  /** `from`: the first block any evaluated backbone changes relative to `base` (-1: the embedding). */
  constructor(private readonly base: LlamaWeights, readonly from: number, private readonly tokenizer: Tokenizer, private readonly maxTokens: number, private readonly batch = 64) {}

  private classifier(classes: number): Classifier {
    let c = this.classifiers.get(classes);
    if (!c) { c = new Classifier(this.base, classes, 1); this.classifiers.set(classes, c); }
    return c;
  }

  /** Caches the residual streams of a named example set (sorted by length, so little padding). */
  addSet(name: string, examples: readonly Example[]): void {
    const sorted = [...examples].sort((a, b) => a.text.length - b.text.length);
    const clf = this.classifier(2);
    clf.setBackbone(this.base);
    const batches: CachedBatch[] = [];
    for (let s = 0; s < sorted.length; s += this.batch) {
      const ex = sorted.slice(s, s + this.batch);
      const b = encodeTexts(this.tokenizer, ex.map((e) => e.text), this.maxTokens);
      const x = this.from < 0 ? undefined : tf.keep(tf.tidy(() => clf.model.residual(tf.tensor2d(b.tokens, [b.rows, b.cols], 'int32'), this.from)));
      batches.push({ b, x, labels: Int32Array.from(ex, (e) => e.label) });
    }
    this.sets.set(name, batches);
  }

  /** Share of set `name` that `backbone` with `head` predicts right; `classes` [from, to) picks a task's columns of a multi-task head. */
  accuracy(backbone: LlamaWeights, head: Head, name: string, classes?: readonly [number, number]): number {
    const right = this.correct(backbone, head, name, classes);
    return right.reduce((s, v) => s + v, 0) / right.length;
  }

  /** 1 for each example of set `name` predicted right, 0 otherwise, in an order fixed per set (so two backbones' results pair up). */
  correct(backbone: LlamaWeights, head: Head, name: string, classes?: readonly [number, number]): Uint8Array {
    const batches = this.sets.get(name);
    if (!batches) throw new Error(`no example set ${name}`);
    const clf = this.classifier(head.classes);
    clf.setBackbone(backbone);
    clf.setHead(head);
    const [lo, hi] = classes ?? [0, head.classes];
    const out = new Uint8Array(batches.reduce((s, c) => s + c.b.rows, 0));
    let at = 0;
    for (const { b, x, labels } of batches) {
      const p = tf.tidy(() => (x ? clf.logitsFrom(x, this.from, b) : clf.logits(b)).dataSync() as Float32Array);
      for (let r = 0; r < b.rows; r++) out[at++] = argmax(p.subarray(r * head.classes + lo, r * head.classes + hi)) === labels[r] ? 1 : 0;
    }
    return out;
  }

  dispose(): void {
    for (const set of this.sets.values()) for (const c of set) c.x?.dispose();
    for (const c of this.classifiers.values()) c.dispose();
  }
}
