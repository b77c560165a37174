// A random Llama model for the engine's tests: weights drawn in a fixed order from a seeded stream,
// projections scaled by `scale` and the two output projections (wo, w2) by `outScale`.
import { createRng } from '../../../hw/index.ts';
import type { LlamaConfig, LlamaWeights } from '../../../models/llm/index.ts';

export function randomLlama(config: LlamaConfig, seed: number, scale: number, outScale: number): LlamaWeights {
  const rng = createRng(seed);
  const m = (n: number, s: number) => Float32Array.from({ length: n }, () => rng.normal() * s);
  const kvDim = (config.dim / config.heads) * config.kvHeads;
  const emb = m(config.vocab * config.dim, 0.5);
  return {
    config, tokenEmbedding: emb, classifier: emb, rmsFinal: m(config.dim, 0.1).map((x) => 1 + x),
    layers: Array.from({ length: config.layers }, () => ({
      rmsAttention: m(config.dim, 0.1).map((x) => 1 + x), wq: m(config.dim * config.dim, scale), wk: m(kvDim * config.dim, scale),
      wv: m(kvDim * config.dim, scale), wo: m(config.dim * config.dim, outScale), rmsFfn: m(config.dim, 0.1).map((x) => 1 + x),
      w1: m(config.hiddenDim * config.dim, scale), w2: m(config.dim * config.hiddenDim, outScale), w3: m(config.hiddenDim * config.dim, scale),
    })),
  };
}
