// Transformer pieces for the recipe decoder: layer norm, multi-head attention (self-attention with
// a causal mask, or cross-attention from the recipe tokens to the level sequence) and the
// feed-forward block. Written on tfjs ops; weights live in a Parameters set under a name prefix.
import * as tf from '@tensorflow/tfjs';
import type { Parameters } from '../../common/index.ts';

/** x [..., in] times w [in, out], any number of leading dimensions. */
export function dense(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const shape = x.shape;
  return x.reshape([-1, shape[shape.length - 1]]).matMul(w as tf.Tensor2D).reshape([...shape.slice(0, -1), w.shape[1]!]);
}

export function defineLayerNorm(p: Parameters, name: string, dim: number): void {
  p.add(`${name}.g`, [dim], 'ones');
  p.add(`${name}.b`, [dim], 'zeros');
}

export function layerNorm(p: Parameters, name: string, x: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(p.get(`${name}.g`)).add(p.get(`${name}.b`));
}

export function defineAttention(p: Parameters, name: string, dim: number): void {
  for (const w of ['q', 'k', 'v', 'o']) p.add(`${name}.${w}`, [dim, dim]);
}

/**
 * [S, S] additive mask: 0 where position i may see position j (j <= i), -1e9 where j > i, so the
 * output at a step never depends on a later step.
 */
export function causalMask(length: number): tf.Tensor2D {
  const m = new Float32Array(length * length);
  for (let i = 0; i < length; i++) for (let j = i + 1; j < length; j++) m[i * length + j] = -1e9;
  return tf.tensor2d(m, [length, length]);
}

/** [..., S, dim] -> [..., heads, S, dim / heads]. */
function splitHeads(x: tf.Tensor, heads: number): tf.Tensor {
  const s = x.shape;
  const lead = s.slice(0, -2);
  const [len, dim] = s.slice(-2);
  const r = x.reshape([...lead, len, heads, dim / heads]);
  const perm = [...lead.map((_, i) => i), lead.length + 1, lead.length, lead.length + 2];
  return r.transpose(perm);
}

/**
 * Multi-head attention of queries `x` [B, S, dim] over `memory` ([B, M, dim], or [M, dim] shared by
 * the whole batch) with an optional additive mask [S, M] (per-batch memory only).
 */
export function attention(p: Parameters, name: string, x: tf.Tensor3D, memory: tf.Tensor, heads: number, mask?: tf.Tensor2D): tf.Tensor3D {
  const [b, s, dim] = x.shape;
  const dh = dim / heads;
  const q = splitHeads(dense(x, p.get(`${name}.q`)), heads); // [B, H, S, dh]
  const k = splitHeads(dense(memory, p.get(`${name}.k`)), heads); // [B, H, M, dh] or [H, M, dh]
  const v = splitHeads(dense(memory, p.get(`${name}.v`)), heads);
  let out: tf.Tensor; // [B, S, H, dh]
  if (k.rank === 3) {
    // Shared memory: all queries of a head in one product, [H, B*S, dh] x [H, dh, M] (no tiling: tfjs's
    // wasm Tile was the slowest kernel of the whole model).
    if (mask) throw new Error('attention: a mask needs per-batch memory');
    const qh = q.transpose([1, 0, 2, 3]).reshape([heads, b * s, dh]);
    const scores = tf.matMul(qh, k, false, true).div(Math.sqrt(dh));
    out = tf.matMul(tf.softmax(scores), v).reshape([heads, b, s, dh]).transpose([1, 2, 0, 3]);
  } else {
    let scores = tf.matMul(q, k, false, true).div(Math.sqrt(dh));
    if (mask) scores = scores.add(mask);
    out = tf.matMul(tf.softmax(scores), v).transpose([0, 2, 1, 3]);
  }
  return dense(out.reshape([b, s, dim]), p.get(`${name}.o`)) as tf.Tensor3D;
}

export function defineFeedForward(p: Parameters, name: string, dim: number, hidden: number): void {
  p.add(`${name}.w1`, [dim, hidden]);
  p.add(`${name}.b1`, [hidden], 'zeros');
  p.add(`${name}.w2`, [hidden, dim]);
  p.add(`${name}.b2`, [dim], 'zeros');
}

export function feedForward(p: Parameters, name: string, x: tf.Tensor): tf.Tensor {
  return dense(dense(x, p.get(`${name}.w1`)).add(p.get(`${name}.b1`)).relu(), p.get(`${name}.w2`)).add(p.get(`${name}.b2`));
}
