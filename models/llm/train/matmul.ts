/**
 * 2-D matMul whose gradient never asks tfjs for a transposed product: on the wasm backend a plain
 * matMul goes to XNNPACK (~5 GMAC/s here) while transposeA/transposeB take a slow loop (10-15x
 * slower, measured: 512^3 in 21 ms plain, 286 ms with transposeB). Transposing an operand
 * explicitly first is a cheap copy.
 */
import * as tf from '@tensorflow/tfjs';

/** a [M, K] x b [K, N]. */
export function matmul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w] = args as tf.Tensor2D[];
    (args[2] as tf.GradSaveFunc)([x, w]);
    return {
      value: tf.matMul(x, w),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw] = saved as tf.Tensor2D[];
        return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sw)), tf.matMul(tf.transpose(sx), dy as tf.Tensor2D)];
      },
    };
  });
  return op(a, b) as tf.Tensor2D;
}
