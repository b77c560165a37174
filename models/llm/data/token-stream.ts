/**
 * Documents as one token stream (BOS before every document, as llama2.c's TinyStories data is
 * prepared) and the seeded batches a training step draws from it.
 */
import { createRng } from '../../../hw/index.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import type { Document } from './corpus.ts';

/** BOS + tokens of every document, concatenated. */
export function tokenStream(docs: readonly Document[], tokenizer: Tokenizer): Uint16Array {
  const parts = docs.map((d) => tokenizer.encode(d.text));
  const out = new Uint16Array(parts.reduce((s, p) => s + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out[at++] = tokenizer.bos;
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Batch `step` of a run: `batch` windows of T + 1 tokens at offsets drawn from a generator seeded by
 * (seed, step), so a resumed run draws exactly the batches it would have drawn.
 */
export function sampleBatch(stream: Uint16Array, batch: number, T: number, seed: number, step: number): { inputs: Int32Array; targets: Int32Array } {
  if (stream.length < T + 2) throw new Error(`the token stream (${stream.length}) is shorter than one window of ${T + 1}`);
  const rng = createRng((seed * 1000003 + step) >>> 0);
  const inputs = new Int32Array(batch * T), targets = new Int32Array(batch * T);
  for (let b = 0; b < batch; b++) {
    const at = rng.int(0, stream.length - T - 1);
    for (let t = 0; t < T; t++) {
      inputs[b * T + t] = stream[at + t];
      targets[b * T + t] = stream[at + t + 1];
    }
  }
  return { inputs, targets };
}

/** Non-overlapping windows of T + 1 tokens covering the stream (the last may be shorter), for evaluation. */
export function evalWindows(stream: Uint16Array, T: number, maxTokens = Infinity): Uint16Array[] {
  const out: Uint16Array[] = [];
  let predicted = 0;
  for (let at = 0; at + 1 < stream.length && predicted < maxTokens; at += T) {
    const w = stream.subarray(at, Math.min(stream.length, at + T + 1, at + 1 + (maxTokens - predicted)));
    out.push(w);
    predicted += w.length - 1;
  }
  return out;
}

/**
 * About `maxTokens` targets of whole windows from the same grid, spread evenly over the stream
 * (window i * total / count), so a partial evaluation samples every part of the held-out text
 * rather than its first documents. All windows when they hold no more than `maxTokens` targets.
 */
export function spreadWindows(stream: Uint16Array, T: number, maxTokens = Infinity): { start: number; window: Uint16Array }[] {
  const total = Math.ceil((stream.length - 1) / T);
  const count = Math.min(total, Math.ceil(maxTokens / T));
  return Array.from({ length: count }, (_, i) => {
    const start = Math.floor((i * total) / count) * T;
    return { start, window: stream.subarray(start, Math.min(stream.length, start + T + 1)) };
  });
}
