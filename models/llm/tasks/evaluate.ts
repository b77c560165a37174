/** Accuracy of a classifier on labelled examples (batched by length, so little padding). */
import type { Tokenizer } from '../tokenizer/index.ts';
import { argmax, Classifier } from './classifier.ts';
import type { Example } from './task-data.ts';

/** Class probabilities of each text, in the order given. */
export function predictTexts(clf: Classifier, tokenizer: Tokenizer, texts: readonly string[], maxTokens: number, batch = 64): Float32Array[] {
  const order = texts.map((t, i) => ({ i, n: t.length })).sort((a, b) => a.n - b.n || a.i - b.i).map((e) => e.i);
  const out: Float32Array[] = new Array(texts.length);
  for (let s = 0; s < order.length; s += batch) {
    const ids = order.slice(s, s + batch);
    const probs = clf.probabilities(clf.encode(tokenizer, ids.map((i) => texts[i]), maxTokens));
    ids.forEach((i, k) => { out[i] = probs[k]; });
  }
  return out;
}

/** Share of examples predicted right; `classes` [from, to) picks one task's columns of a multi-task head. */
export function accuracy(clf: Classifier, tokenizer: Tokenizer, examples: readonly Example[], maxTokens: number, classes?: readonly [number, number]): number {
  if (examples.length === 0) return NaN;
  const p = predictTexts(clf, tokenizer, examples.map((e) => e.text), maxTokens);
  const [from, to] = classes ?? [0, clf.classes];
  return examples.filter((e, i) => argmax(p[i].subarray(from, to)) === e.label).length / examples.length;
}
