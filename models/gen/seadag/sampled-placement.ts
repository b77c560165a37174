import { embedGraph } from './canvas-embedding.ts';
import { drawWidths, nearestWidths, type WeightedWidths } from './canvas-neighbours.ts';
import { paddedCanvas, sampleCanvas, type CanvasPrior } from './canvas-prior.ts';
import { functionKey } from './data/truth-function.ts';
import { ownCanvas, type Placement } from './model/training-batch.ts';

/**
 * Training on canvases like the sampler's: with probability `share` a pair's graph is embedded in a
 * canvas drawn as the sampler draws it (the conditioned prior of its function with `neighbours` > 0,
 * else the training prior, padded), when it fits (canvas-embedding.ts); otherwise, and for the other
 * examples, its own padded canvas as before. So the model also learns to fill canvases that are not
 * its answer's own shape.
 */
export function sampledPlacement(prior: CanvasPrior, share: number, neighbours: number): Placement {
  if (neighbours > 0 && !prior.bySignature) throw new Error('sampledPlacement: the prior has no signature index');
  const near = new Map<string, WeightedWidths>();
  return (pair, rand) => {
    if (rand() >= share) return ownCanvas(pair, rand);
    let canvas;
    if (neighbours > 0) {
      const key = functionKey(pair.target);
      let w = near.get(key);
      if (!w) near.set(key, (w = nearestWidths(prior.bySignature!, pair.target, neighbours)));
      canvas = paddedCanvas(prior, drawWidths(w, rand), rand);
    } else canvas = sampleCanvas(prior, rand);
    return embedGraph(pair.clean, canvas) ?? ownCanvas(pair, rand);
  };
}
