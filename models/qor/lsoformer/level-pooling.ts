// Level-wise pooling: the node embeddings of each logic level are summarised by their mean and
// their maximum, giving the encoder's output as a sequence ordered from the inputs to the outputs.
// Deep AIGs (hundreds of levels) are cut into at most `maxBins` bins of consecutive levels, so the
// sequence the decoder attends to stays short; a shallow AIG keeps one bin per level.
import * as tf from '@tensorflow/tfjs';
import { gatherRows, segmentSum } from '../../common/index.ts';

/** Bin of each node: its level when the levels fit, else level * maxBins / (lastLevel + 1) rounded down. */
export function levelBins(level: Int32Array, maxBins: number): { bin: Int32Array; numBins: number } {
  let last = 0;
  for (const l of level) last = Math.max(last, l);
  const levels = last + 1;
  if (levels <= maxBins) return { bin: Int32Array.from(level), numBins: levels };
  // Levels are contiguous (an AND at level k has a fanin at k - 1), so every bin receives nodes.
  return { bin: level.map((l) => Math.floor((l * maxBins) / levels)), numBins: maxBins };
}

/**
 * Per bin: the mean and the element-wise max of the rows of `h` in it, concatenated: [numBins, 2d].
 * The max is differentiable (its gradient flows to the arg-max row of each bin and feature).
 */
export function levelPool(h: tf.Tensor2D, bin: Int32Array, numBins: number): tf.Tensor2D {
  const [n, d] = h.shape;
  if (bin.length !== n) throw new Error(`levelPool: ${bin.length} bins for ${n} rows`);
  return tf.tidy(() => {
    const bins = tf.tensor1d(bin, 'int32');
    const counts = new Float32Array(numBins);
    for (const b of bin) counts[b]++;
    const mean = segmentSum(h, bins, numBins).div(tf.tensor2d(counts, [numBins, 1]).maximum(1));
    return tf.concat([mean, segmentMax(h, bin, numBins)], 1) as tf.Tensor2D;
  });
}

/** out[s][j] = max of h[i][j] over rows i with bin[i] = s (0 for an empty bin). */
export function segmentMax(h: tf.Tensor2D, bin: Int32Array, numBins: number): tf.Tensor2D {
  const [n, d] = h.shape;
  const values = h.dataSync();
  // The arg-max is chosen outside the graph; the gather that reads it carries the gradient.
  const best = new Float32Array(numBins * d).fill(-Infinity);
  const index = new Int32Array(numBins * d).fill(n * d);
  for (let i = 0; i < n; i++) {
    const base = bin[i] * d;
    for (let j = 0; j < d; j++) {
      const v = values[i * d + j];
      if (v > best[base + j]) {
        best[base + j] = v;
        index[base + j] = i * d + j;
      }
    }
  }
  const flat = tf.concat([h.reshape([n * d, 1]), tf.zeros([1, 1])], 0);
  return gatherRows(flat, tf.tensor1d(index, 'int32')).reshape([numBins, d]) as tf.Tensor2D;
}
