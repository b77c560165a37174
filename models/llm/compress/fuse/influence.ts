/**
 * FuseGPT's Macro Influence: how much the model's final hidden states (after the last RMSNorm)
 * change when one block is removed, as 1 - their mean cosine similarity over calibration tokens.
 * The block with the least influence is the next to go.
 */
import type { LlamaWeights } from '../../checkpoint.ts';
import { LlamaModel } from '../../engine/model.ts';
import { rmsNorm } from '../../engine/math.ts';
import { ReferenceBackend } from '../../../common/gemm/index.ts';
import { yieldToEventLoop } from '../../../../util/index.ts';

/** Final hidden states (tokens x dim, all windows in turn) of the model with only the blocks `keep` (by index). */
export async function finalHidden(weights: LlamaWeights, keep: readonly number[], windows: readonly Uint16Array[]): Promise<Float32Array[]> {
  const model = new LlamaModel(weights, new ReferenceBackend());
  model.blocks = keep.map((i) => model.blocks[i]);
  const { dim } = weights.config;
  const out: Float32Array[] = [];
  for (const w of windows) {
    const cache = model.newCache();
    const m = w.length;
    const x = new Float32Array(m * dim);
    w.forEach((t, i) => x.set(weights.tokenEmbedding.subarray(t * dim, (t + 1) * dim), i * dim));
    const positions = Int32Array.from({ length: m }, (_, i) => i);
    model.blocks.forEach((b, i) => b.forward(x, m, positions, cache.layers[i]));
    out.push(rmsNorm(x, m, weights.rmsFinal));
    await yieldToEventLoop(); // Ctrl-C between windows
  }
  return out;
}

/** Mean cosine similarity of corresponding rows. */
export function meanCosine(a: readonly Float32Array[], b: readonly Float32Array[], dim: number): number {
  let sum = 0, n = 0;
  a.forEach((x, w) => {
    const y = b[w];
    for (let r = 0; r < x.length / dim; r++) {
      let xy = 0, xx = 0, yy = 0;
      for (let d = 0; d < dim; d++) { const p = x[r * dim + d], q = y[r * dim + d]; xy += p * q; xx += p * p; yy += q * q; }
      sum += xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 1;
      n++;
    }
  });
  return sum / n;
}

/** Macro Influence of each block of `weights` (1 - cosine of the final hidden states with and without it). */
export async function macroInfluence(weights: LlamaWeights, windows: readonly Uint16Array[]): Promise<number[]> {
  const all = weights.layers.map((_, i) => i);
  const full = await finalHidden(weights, all, windows);
  const influence: number[] = [];
  for (const i of all) influence.push(1 - meanCosine(await finalHidden(weights, all.filter((j) => j !== i), windows), full, weights.config.dim));
  return influence;
}

/** The weights without block `i`. */
export function removeBlock(weights: LlamaWeights, i: number): LlamaWeights {
  const layers = weights.layers.filter((_, j) => j !== i);
  return { ...weights, config: { ...weights.config, layers: layers.length }, layers };
}
