/**
 * Generation with the KV cache: prefill the prompt, then one decode step per token. Greedy
 * (temperature 0), temperature, and top-p (nucleus) sampling, all from a seeded generator.
 */
import { createRng } from '../../../hw/index.ts';
import type { KvCache } from './kv-cache.ts';
import type { LlamaModel } from './model.ts';

export interface SamplingOptions {
  /** 0 = greedy. */
  readonly temperature: number;
  /** Keep the smallest set of tokens whose probability reaches topP (1 = all). */
  readonly topP: number;
  readonly seed: number;
}

/** Picks the next token from logits (one row). */
export function sampleToken(logits: Float32Array, o: SamplingOptions, u: number): number {
  const V = logits.length;
  if (o.temperature <= 0) {
    let best = 0;
    for (let j = 1; j < V; j++) if (logits[j] > logits[best]) best = j;
    return best;
  }
  let max = -Infinity;
  for (let j = 0; j < V; j++) max = Math.max(max, logits[j]);
  const p = new Float64Array(V);
  let sum = 0;
  for (let j = 0; j < V; j++) sum += (p[j] = Math.exp((logits[j] - max) / o.temperature));
  const order = Array.from({ length: V }, (_, j) => j).sort((a, b) => p[b] - p[a] || a - b);
  let kept = 0, mass = 0;
  while (kept < V && (kept === 0 || mass / sum < o.topP)) mass += p[order[kept++]];
  let acc = 0;
  for (let i = 0; i < kept; i++) {
    acc += p[order[i]] / mass;
    if (u < acc) return order[i];
  }
  return order[kept - 1];
}

export interface GenerateResult {
  readonly tokens: number[];
  /** Why it stopped: the token limit, an end-of-document token, or the model's context. */
  readonly stop: 'tokens' | 'end' | 'context';
  readonly cache: KvCache;
}

/**
 * Continues `prompt` (token ids, BOS included) by up to `maxTokens` tokens; stops early at any of
 * `stopTokens` or when the context is full.
 */
export function generate(model: LlamaModel, prompt: readonly number[], maxTokens: number, o: SamplingOptions, stopTokens: readonly number[], cache = model.newCache()): GenerateResult {
  const rng = createRng(o.seed);
  const out: number[] = [];
  let logits = model.forward(prompt, cache, { logits: 'last' });
  if (maxTokens < 1) return { tokens: out, stop: 'tokens', cache };
  for (;;) {
    const next = sampleToken(logits, o, rng.next());
    if (stopTokens.includes(next)) return { tokens: out, stop: 'end', cache };
    out.push(next);
    if (out.length >= maxTokens) return { tokens: out, stop: 'tokens', cache };
    if (cache.position >= model.config.seqLen) return { tokens: out, stop: 'context', cache };
    logits = model.forward([next], cache, { logits: 'last' });
  }
}
