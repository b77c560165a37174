import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { matMul, selectBackend } from '../../../models/common/index.ts';

beforeAll(async () => {
  await selectBackend(() => {});
});

/** Plain triple-loop reference of a @ b on row-major arrays. */
function reference(a: Float32Array, b: Float32Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += a[i * k + t] * b[t * m + j];
    out[i * m + j] = s;
  }
  return out;
}

describe('matMul with plain products in its gradient', () => {
  // Both shapes: one where the first operand is larger (activations x weights), one where the second is.
  it.each([[37, 23, 11], [5, 19, 41]])('value and both gradients of a %i x %i by %i-column product equal the reference', (n, k, m) => {
    const a = tf.randomNormal([n, k], 0, 1, 'float32', 3) as tf.Tensor2D;
    const b = tf.randomNormal([k, m], 0, 1, 'float32', 4) as tf.Tensor2D;
    const g = tf.randomNormal([n, m], 0, 1, 'float32', 5) as tf.Tensor2D;
    const ad = a.dataSync() as Float32Array;
    const bd = b.dataSync() as Float32Array;
    const gd = g.dataSync() as Float32Array;
    const close = (x: ArrayLike<number>, y: ArrayLike<number>) => Array.from(x).forEach((v, i) => expect(v).toBeCloseTo(y[i], 3));
    close(matMul(a, b).dataSync(), reference(ad, bd, n, k, m));
    // d/da sum(g * (a b)) = g b^T, d/db = a^T g, computed by the loops with transposed copies.
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => matMul(x as tf.Tensor2D, y as tf.Tensor2D).mul(g).sum())([a, b]);
    const bT = new Float32Array(m * k);
    for (let t = 0; t < k; t++) for (let j = 0; j < m; j++) bT[j * k + t] = bd[t * m + j];
    const aT = new Float32Array(k * n);
    for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) aT[t * n + i] = ad[i * k + t];
    close(da.dataSync(), reference(gd, bT, n, m, k));
    close(db.dataSync(), reference(aT, gd, k, n, m));
    tf.dispose([a, b, g, da, db]);
  });
});
