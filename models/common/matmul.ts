import tf from './tfjs.cjs';

/*
 * Matrix products whose gradients avoid the transpose flags. On the wasm backend a product with
 * transposeA or transposeB runs about ten times slower than transposing the operand first and
 * multiplying plainly (2048x128 by 128x320: 110 ms against 16 ms measured here), and tfjs's own
 * gradient of matMul uses exactly those flags, so training spent most of its time there.
 */

const transposed = (x: tf.Tensor): tf.Tensor => tf.transpose(x);

/** p @ q^T, transposing whichever operand is cheaper (transposes cost about as much as a small product). */
function productWithTransposed(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  if (q.size <= p.size + (p.shape[0] ?? 0) * (q.shape[0] ?? 0)) return tf.matMul(p as tf.Tensor2D, transposed(q) as tf.Tensor2D);
  return transposed(tf.matMul(q as tf.Tensor2D, transposed(p) as tf.Tensor2D));
}

/** p^T @ q, the same way. */
function transposedProduct(p: tf.Tensor, q: tf.Tensor): tf.Tensor {
  if (p.size <= q.size + (p.shape[1] ?? 0) * (q.shape[1] ?? 0)) return tf.matMul(transposed(p) as tf.Tensor2D, q as tf.Tensor2D);
  return transposed(tf.matMul(transposed(q) as tf.Tensor2D, p as tf.Tensor2D));
}

const product = tf.customGrad((a: tf.Tensor | tf.GradSaveFunc, b: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
  const x = a as tf.Tensor;
  const y = b as tf.Tensor;
  (save as tf.GradSaveFunc)([x, y]);
  return {
    value: tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [productWithTransposed(dy, saved[1]), transposedProduct(saved[0], dy)],
  };
});

/**
 * a @ b for 2-D tensors, differentiable in both operands with plain products in the backward
 * pass. (Batched 3-D products of small matrices do not suffer the same way: use tf.matMul there.)
 */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return product(a, b) as tf.Tensor2D;
}
