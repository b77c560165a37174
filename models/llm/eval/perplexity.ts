/**
 * Held-out perplexity: the stream cut into non-overlapping windows of the model's context plus one;
 * in each window every token after the first is predicted from the tokens before it in the window
 * (a fresh cache per window). The n-gram baseline is scored on exactly the same target positions.
 */
import { evalWindows } from '../data/token-stream.ts';
import type { LlamaModel } from '../engine/model.ts';

export interface PerplexityResult {
  /** Mean negative log-likelihood per token, nats. */
  readonly nll: number;
  readonly perplexity: number;
  readonly tokens: number;
}

/** -log softmax(logits)[target], in double. */
export function tokenNll(logits: Float32Array, offset: number, vocab: number, target: number): number {
  let max = -Infinity;
  for (let j = 0; j < vocab; j++) max = Math.max(max, logits[offset + j]);
  let sum = 0;
  for (let j = 0; j < vocab; j++) sum += Math.exp(logits[offset + j] - max);
  return Math.log(sum) + max - logits[offset + target];
}

/** The stream positions the windows predict (for the n-gram baseline). */
export function targetPositions(stream: Uint16Array, T: number, maxTokens = Infinity): number[] {
  const out: number[] = [];
  let at = 0;
  for (const w of evalWindows(stream, T, maxTokens)) {
    for (let i = 1; i < w.length; i++) out.push(at + i);
    at += T;
  }
  return out;
}

export function perplexity(model: LlamaModel, stream: Uint16Array, maxTokens = Infinity, onWindow?: (done: number, total: number) => void): PerplexityResult {
  const T = model.config.seqLen, V = model.config.vocab;
  const windows = evalWindows(stream, T, maxTokens);
  let sum = 0, count = 0;
  windows.forEach((w, i) => {
    const logits = model.forward(Array.from(w.subarray(0, w.length - 1)), model.newCache());
    for (let t = 1; t < w.length; t++) sum += tokenNll(logits, (t - 1) * V, V, w[t]);
    count += w.length - 1;
    onWindow?.(i + 1, windows.length);
  });
  const nll = sum / count;
  return { nll, perplexity: Math.exp(nll), tokens: count };
}
