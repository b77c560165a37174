import type { LayerSample } from '../../sim/study/index.ts';
import type { Llama2cCheckpoint } from './llama2c-checkpoint.ts';
import { captureLinearInputs, gemmWeights } from './llama2c-forward.ts';

/**
 * Every linear layer of a llama2.c model as a GEMM sample: its real weights and the input rows it
 * received while the model generated `tokens` tokens (seeded sampling).
 */
export function llamaLayerSamples(model: Llama2cCheckpoint, tokens: number, seed: number): LayerSample[] {
  const { captures } = captureLinearInputs(model, tokens, seed);
  return captures.map((c) => {
    const w = gemmWeights(model, c.layer, c.linear);
    return { name: `layer${c.layer}.${c.linear}`, role: c.linear, m: c.rows.length / c.inFeatures, k: w.k, n: w.n, weights: w.w, activations: c.rows };
  });
}
