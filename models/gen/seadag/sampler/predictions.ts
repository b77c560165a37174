import * as tf from '@tensorflow/tfjs';
import type { Parameters } from '../../../common/index.ts';
import { packBatch, type NetworkInput } from '../model/features.ts';
import { batchTensors, disposeBatch, edgeProbabilities, networkForward, type NetworkConfig } from '../model/network.ts';
import { softOutputTables } from '../model/soft-simulation.ts';

/** The network's p(x0 | x_t) for every graph of a batch, as plain arrays padded to `size` nodes. */
export interface Predictions {
  readonly size: number;
  /** [B * N] probability that a slot is an AND. */
  readonly and: Float32Array;
  /** [B * N * N] probability of PLAIN and of COMPLEMENTED for slot (v, u). */
  readonly plain: Float32Array;
  readonly complemented: Float32Array;
}

export interface GuidanceTargets {
  /** Strength: p(state) is multiplied by exp(-strength * dLoss/dp(state)) on rows still being denoised. */
  readonly strength: number;
  /** [B * N] 1 on rows still being denoised (their edges come from the prediction). */
  readonly noisyRows: Float32Array;
  /** [B * N * M] input patterns on input rows. */
  readonly inputValues: Float32Array;
  readonly inputMask: Float32Array;
  /** [B * O * N] picks the outputs. */
  readonly outputSelect: Float32Array;
  /** [B * O * M] the requested tables. */
  readonly target: Float32Array;
  readonly minterms: number;
  readonly outputs: number;
  readonly depth: number;
}

/**
 * Runs the denoiser on a batch of noisy graphs. With guidance, the edge probabilities of rows still
 * being denoised are tilted by the gradient of the property decoder's condition loss on the soft
 * clean graph (regressor guidance as in DiGress): states that bring the decoded truth table closer
 * to the requested one gain weight.
 */
export function predict(params: Parameters, config: NetworkConfig, items: readonly NetworkInput[], size: number, guidance?: GuidanceTargets): Predictions {
  const packed = packBatch(items, size);
  const t = batchTensors(packed);
  const B = items.length;
  const N = size;
  try {
    return tf.tidy(() => {
      const out = networkForward(params, config, t);
      const and = tf.softmax(out.typeLogits).slice([0, 0, 1], [B, N, 1]).dataSync() as Float32Array;
      const probs = edgeProbabilities(out);
      let plain = probs.plain.mul(t.slotMask) as tf.Tensor3D;
      let complemented = probs.complemented.mul(t.slotMask) as tf.Tensor3D;
      if (guidance && guidance.strength > 0) {
        const g = guidance;
        const rows = tf.tensor3d(g.noisyRows, [B, N, 1]);
        const keep = tf.scalar(1).sub(rows);
        const decoder = {
          inputValues: tf.tensor3d(g.inputValues, [B, N, g.minterms]),
          inputMask: tf.tensor3d(g.inputMask, [B, N, 1]),
          outputSelect: tf.tensor3d(g.outputSelect, [B, g.outputs, N]),
          depth: g.depth,
        };
        const target = tf.tensor3d(g.target, [B, g.outputs, g.minterms]);
        const loss = (p: tf.Tensor, q: tf.Tensor) => {
          const soft = {
            plain: p.mul(rows).add(t.plain.mul(keep)) as tf.Tensor3D,
            complemented: q.mul(rows).add(t.complemented.mul(keep)) as tf.Tensor3D,
          };
          const decoded = softOutputTables(soft, decoder).clipByValue(1e-5, 1 - 1e-5);
          // Summed (not averaged) over minterms, so the strength does not depend on the table size.
          return tf.neg(target.mul(tf.log(decoded)).add(tf.scalar(1).sub(target).mul(tf.log(tf.scalar(1).sub(decoded))))).sum() as tf.Scalar;
        };
        const [dp, dq] = tf.grads(loss)([plain, complemented]);
        const none = tf.scalar(1).sub(plain).sub(complemented);
        const tiltP = plain.mul(tf.exp(dp.mul(-g.strength).clipByValue(-20, 20)));
        const tiltQ = complemented.mul(tf.exp(dq.mul(-g.strength).clipByValue(-20, 20)));
        const z = none.add(tiltP).add(tiltQ).maximum(1e-12);
        plain = tiltP.div(z).mul(rows).add(plain.mul(keep)) as tf.Tensor3D;
        complemented = tiltQ.div(z).mul(rows).add(complemented.mul(keep)) as tf.Tensor3D;
      }
      return { size: N, and, plain: plain.dataSync() as Float32Array, complemented: complemented.dataSync() as Float32Array };
    });
  } finally {
    disposeBatch(t);
  }
}
