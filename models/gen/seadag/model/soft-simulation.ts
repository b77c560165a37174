import * as tf from '@tensorflow/tfjs';

/**
 * The graph-property decoder: the truth table a soft canvas graph computes. Each node is the AND
 * of its fanins with independent edge probabilities P (plain) and Q (complemented):
 *   value(v) = prod_u (1 - P[v,u])^(1 - x_u) (1 - Q[v,u])^(x_u)
 * which for a hard graph (P, Q in {0, 1}, binary x) is exactly the AND of the present fanins, so
 * on a one-hot graph the decoder gives the graph's simulated truth table (up to the epsilon that
 * keeps the logarithm finite, far below 0.5). In the log domain it is one batched matrix product
 * per level: log value = rowsum(log(1 - P)) - (log(1 - P) - log(1 - Q)) @ x. Minterms are
 * independent columns, so training may decode a random subset of them.
 */
export interface SoftGraph {
  /** [B, N, N] probability of a plain edge u -> v (row v). */
  readonly plain: tf.Tensor3D;
  /** [B, N, N] probability of a complemented edge. */
  readonly complemented: tf.Tensor3D;
}

export interface DecoderInputs {
  /** [B, N, M] the input patterns on input rows, 0 elsewhere. */
  readonly inputValues: tf.Tensor3D;
  /** [B, N, 1] 1 on input rows. */
  readonly inputMask: tf.Tensor3D;
  /** [B, O, N] one-hot rows picking each output node. */
  readonly outputSelect: tf.Tensor3D;
  /** Levels to propagate: the deepest canvas of the batch (internal levels + the output level). */
  readonly depth: number;
}

const EPS = 1e-6;

/** Values of every node [B, N, M] after `depth` rounds (exact on a DAG of that depth). */
export function softNodeValues(g: SoftGraph, d: DecoderInputs): tf.Tensor3D {
  return tf.tidy(() => {
    const logNotP = tf.log(tf.scalar(1 + EPS).sub(g.plain).maximum(EPS)) as tf.Tensor3D;
    const logNotQ = tf.log(tf.scalar(1 + EPS).sub(g.complemented).maximum(EPS)) as tf.Tensor3D;
    const base = logNotP.sum(2, true) as tf.Tensor3D; // [B, N, 1]
    const slope = logNotP.sub(logNotQ) as tf.Tensor3D;
    const notInput = tf.scalar(1).sub(d.inputMask);
    let x = d.inputValues;
    for (let k = 0; k < d.depth; k++) {
      const logValue = base.sub(tf.matMul(slope, x));
      x = d.inputValues.add(tf.exp(tf.minimum(logValue, 0)).mul(notInput)) as tf.Tensor3D;
    }
    return x;
  });
}

/** The decoded truth tables of the outputs [B, O, M]. */
export function softOutputTables(g: SoftGraph, d: DecoderInputs): tf.Tensor3D {
  return tf.tidy(() => tf.matMul(d.outputSelect, softNodeValues(g, d)));
}

/** Mean binary cross-entropy of decoded output tables against the requested ones [B, O, M] in {0, 1}. */
export function conditionLoss(decoded: tf.Tensor3D, target: tf.Tensor3D): tf.Scalar {
  return tf.tidy(() => {
    const p = decoded.clipByValue(1e-5, 1 - 1e-5);
    return tf.neg(target.mul(tf.log(p)).add(tf.scalar(1).sub(target).mul(tf.log(tf.scalar(1).sub(p))))).mean() as tf.Scalar;
  });
}
