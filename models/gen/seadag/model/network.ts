import * as tf from '@tensorflow/tfjs';
import { matMul, type Parameters } from '../../../common/index.ts';
import type { PackedBatch } from './features.ts';

/**
 * The denoiser: message passing over the canvas (messages along present fanin and fanout edges,
 * plain and complemented apart, a mean over the node's own level and one over the graph), with the
 * requested function embedded and added to every node. Heads give each slot's type logits and,
 * for every edge slot (v, u), logits of PLAIN and COMPLEMENTED against NONE (fixed at 0) from a
 * bilinear form of the two nodes plus a bias by the slot's noisy state. Only dense matrix
 * products: the wasm backend runs them well, and canvases are small.
 */
export interface NetworkConfig {
  readonly features: number;
  readonly condition: number;
  readonly hidden: number;
  readonly layers: number;
}

export interface NetworkOutput {
  /** [B, N, 2] logits of EMPTY and AND. */
  readonly typeLogits: tf.Tensor3D;
  /** [B, N, N] logit of PLAIN over NONE for slot (v, u). */
  readonly plainLogits: tf.Tensor3D;
  /** [B, N, N] logit of COMPLEMENTED over NONE. */
  readonly complementedLogits: tf.Tensor3D;
}

/** The encoder's weights (input, condition, message-passing layers). */
export function defineEncoder(p: Parameters, c: NetworkConfig, prefix = 'net/'): void {
  const d = c.hidden;
  p.add(`${prefix}in/w`, [c.features, d]);
  p.add(`${prefix}in/b`, [d], 'zeros');
  p.add(`${prefix}cond/w1`, [c.condition, d]);
  p.add(`${prefix}cond/b1`, [d], 'zeros');
  p.add(`${prefix}cond/w2`, [d, d]);
  for (let k = 0; k < c.layers; k++) {
    // Blocks of the first layer for: the node, fanin sums (plain, complemented), fanout sums (plain,
    // complemented), the level mean and the graph mean.
    p.add(`${prefix}layer${k}/w1`, [7 * d, 2 * d]);
    p.add(`${prefix}layer${k}/b1`, [2 * d], 'zeros');
    p.add(`${prefix}layer${k}/w2`, [2 * d, d]);
    p.add(`${prefix}layer${k}/b2`, [d], 'zeros');
    p.add(`${prefix}layer${k}/gain`, [d], 'ones');
  }
}

/** The denoiser: the encoder and the type and edge heads. */
export function defineNetwork(p: Parameters, c: NetworkConfig, prefix = 'net/'): void {
  const d = c.hidden;
  defineEncoder(p, c, prefix);
  p.add(`${prefix}type/w`, [d, 2]);
  p.add(`${prefix}type/b`, [2], 'zeros');
  p.add(`${prefix}edge/q`, [d, 2 * d]);
  p.add(`${prefix}edge/k`, [d, 2 * d]);
  // Bias of the PLAIN and COMPLEMENTED logits by the noisy state (NONE, PLAIN, COMPLEMENTED) of the slot.
  p.add(`${prefix}edge/state`, [3, 2], 'zeros');
  p.add(`${prefix}edge/bias`, [2], 'zeros');
}

/** The packed batch as tensors (kept between forward passes of one batch). */
export interface BatchTensors {
  readonly B: number;
  readonly N: number;
  readonly features: tf.Tensor2D;
  readonly plain: tf.Tensor3D;
  readonly complemented: tf.Tensor3D;
  readonly sameLevel: tf.Tensor3D;
  readonly nodeMask: tf.Tensor3D; // [B, N, 1]
  readonly slotMask: tf.Tensor3D; // [B, N, N]
  readonly condition: tf.Tensor2D;
}

export function batchTensors(b: PackedBatch): BatchTensors {
  const { batch: B, size: N } = b;
  return {
    B,
    N,
    features: tf.tensor2d(b.features, [B * N, b.features.length / (B * N)]),
    plain: tf.tensor3d(b.plain, [B, N, N]),
    complemented: tf.tensor3d(b.complemented, [B, N, N]),
    sameLevel: tf.tensor3d(b.sameLevel, [B, N, N]),
    nodeMask: tf.tensor3d(b.nodeMask, [B, N, 1]),
    slotMask: tf.tensor3d(b.slotMask, [B, N, N]),
    condition: tf.tensor2d(b.condition, [B, b.condition.length / B]),
  };
}

export function disposeBatch(t: BatchTensors): void {
  tf.dispose([t.features, t.plain, t.complemented, t.sameLevel, t.nodeMask, t.slotMask, t.condition]);
}

function rmsNorm(x: tf.Tensor3D, gain: tf.Tensor): tf.Tensor3D {
  return x.div(x.square().mean(2, true).add(1e-5).sqrt()).mul(gain) as tf.Tensor3D;
}

/** Node embeddings [B, N, d] (zero on padding rows). */
export function encode(p: Parameters, c: NetworkConfig, t: BatchTensors, prefix = 'net/'): tf.Tensor3D {
  const { B, N } = t;
  const d = c.hidden;
  const w = (name: string) => p.get(`${prefix}${name}`) as tf.Tensor2D;
  const cond = matMul(tf.relu(matMul(t.condition, w('cond/w1')).add(w('cond/b1'))) as tf.Tensor2D, w('cond/w2')); // [B, d]
  let h = tf.relu(matMul(t.features, w('in/w')).add(w('in/b'))).reshape([B, N, d]).add(cond.reshape([B, 1, d])).mul(t.nodeMask) as tf.Tensor3D;
  const count = t.nodeMask.sum(1).maximum(1); // [B, 1]
  for (let k = 0; k < c.layers; k++) {
    const w1 = w(`layer${k}/w1`);
    const block = (i: number) => w1.slice([i * d, 0], [d, 2 * d]) as tf.Tensor2D;
    const rows = (x: tf.Tensor) => x.reshape([B * N, d]) as tf.Tensor2D;
    // (A h) W = A (h W): aggregate first, then one product per kind of neighbour, no concatenation.
    const graph = matMul(h.sum(1).div(count.reshape([B, 1])) as tf.Tensor2D, block(6)).reshape([B, 1, 2 * d]);
    const pre = matMul(rows(h), block(0))
      .add(matMul(rows(tf.matMul(t.plain, h)), block(1)))
      .add(matMul(rows(tf.matMul(t.complemented, h)), block(2)))
      .add(matMul(rows(tf.matMul(t.plain, h, true)), block(3)))
      .add(matMul(rows(tf.matMul(t.complemented, h, true)), block(4)))
      .add(matMul(rows(tf.matMul(t.sameLevel, h)), block(5)))
      .reshape([B, N, 2 * d]).add(graph).add(w(`layer${k}/b1`));
    const update = matMul(tf.relu(pre).reshape([B * N, 2 * d]) as tf.Tensor2D, w(`layer${k}/w2`)).add(w(`layer${k}/b2`));
    h = rmsNorm(h.add(update.reshape([B, N, d])) as tf.Tensor3D, w(`layer${k}/gain`)).mul(t.nodeMask) as tf.Tensor3D;
  }
  return h;
}

export function networkForward(p: Parameters, c: NetworkConfig, t: BatchTensors, prefix = 'net/'): NetworkOutput {
  const { B, N } = t;
  const d = c.hidden;
  const w = (name: string) => p.get(`${prefix}${name}`) as tf.Tensor2D;
  const h = encode(p, c, t, prefix);
  const flat = h.reshape([B * N, d]) as tf.Tensor2D;
  const typeLogits = matMul(flat, w('type/w')).add(w('type/b')).reshape([B, N, 2]) as tf.Tensor3D;
  const q = matMul(flat, w('edge/q')).reshape([B, N, 2 * d]);
  const k = matMul(flat, w('edge/k')).reshape([B, N, 2 * d]);
  const scale = 1 / Math.sqrt(d);
  const none = tf.scalar(1).sub(t.plain).sub(t.complemented);
  const state = w('edge/state');
  const bias = w('edge/bias');
  const logits = [0, 1].map((cls) => {
    const qc = q.slice([0, 0, cls * d], [B, N, d]) as tf.Tensor3D;
    const kc = k.slice([0, 0, cls * d], [B, N, d]) as tf.Tensor3D;
    const s = (row: number) => state.slice([row, cls], [1, 1]).reshape([]);
    return tf.matMul(qc, kc, false, true).mul(scale)
      .add(none.mul(s(0))).add(t.plain.mul(s(1))).add(t.complemented.mul(s(2)))
      .add(bias.slice([cls], [1]).reshape([])) as tf.Tensor3D;
  });
  return { typeLogits, plainLogits: logits[0], complementedLogits: logits[1] };
}

/** Probabilities of [NONE, PLAIN, COMPLEMENTED] per slot from the two logits (NONE's logit is 0). */
export function edgeProbabilities(out: NetworkOutput): { plain: tf.Tensor3D; complemented: tf.Tensor3D } {
  return tf.tidy(() => {
    const m = tf.maximum(tf.maximum(out.plainLogits, out.complementedLogits), 0);
    const e0 = tf.exp(tf.neg(m));
    const e1 = tf.exp(out.plainLogits.sub(m));
    const e2 = tf.exp(out.complementedLogits.sub(m));
    const z = e0.add(e1).add(e2);
    return { plain: e1.div(z) as tf.Tensor3D, complemented: e2.div(z) as tf.Tensor3D };
  });
}
