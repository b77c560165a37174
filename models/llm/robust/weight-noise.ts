/**
 * The inference half of FRS's biphased parameter smoothing: copies of a model with Gaussian noise
 * on the weight matrices of its last blocks (the ones fine-tuning trains, where the training half
 * put its noise). A smoothed prediction draws one of a fixed set of such copies for every sample,
 * uniformly and independently, so the smoothed classifier is the mixture over the set, and the
 * Monte Carlo bound holds for it as for any randomized classifier.
 */
import { SeededRandom } from '../../common/index.ts';
import type { LlamaWeights } from '../checkpoint.ts';

const MATRICES = ['wq', 'wk', 'wv', 'wo', 'w1', 'w2', 'w3'] as const;

/** `w` with N(0, sigma^2) added to every matrix entry of its last `blocks` blocks (the rest shared, unchanged). */
export function noisyWeights(w: LlamaWeights, sigma: number, blocks: number, seed: number): LlamaWeights {
  const r = new SeededRandom(seed);
  const first = w.config.layers - blocks;
  return {
    ...w,
    layers: w.layers.map((layer, l) => {
      if (l < first) return layer;
      const out = { ...layer };
      for (const m of MATRICES) out[m] = Float32Array.from(layer[m], (v) => v + sigma * r.normal());
      return out;
    }),
  };
}
