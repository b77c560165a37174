import * as tf from '@tensorflow/tfjs';
import { matMul, type Parameters } from '../../../common/index.ts';
import { defineEncoder, encode, type BatchTensors, type NetworkConfig } from '../model/network.ts';

/**
 * The autoregressive baseline's network: the same encoder as the denoiser (so the two are of a
 * size), with heads for the next action: stop or add an AND; the AND's first fanin literal (a
 * pointer over nodes x polarity), its second given the first, and at stop each output's literal.
 */
export function defineArNetwork(p: Parameters, c: NetworkConfig): void {
  const d = c.hidden;
  defineEncoder(p, c);
  p.add('ar/stop/w', [d, 1]);
  p.add('ar/stop/b', [1], 'zeros');
  p.add('ar/first/w', [d, 2]);
  p.add('ar/first/b', [2], 'zeros');
  p.add('ar/key', [d, 2 * d]);
  p.add('ar/second/query', [d, 2 * d]);
  p.add('ar/output/query', [d, 2 * d]);
}

export interface ArOutput {
  /** [B] logit of stopping. */
  readonly stop: tf.Tensor1D;
  /** [B, N * 2] logits of the first fanin literal (node-major: node u plain at 2u, complemented at 2u + 1). */
  readonly first: tf.Tensor2D;
  /** [B, N * 2] logits of the second fanin literal given the first (selected by `firstSelect`). */
  readonly second: tf.Tensor2D;
  /** [B, O, N * 2] logits of each output's literal. */
  readonly outputs: tf.Tensor3D;
}

/** Pointer logits [B, Q, N*2]: query rows [B, Q, 2d] against the keys of every node [B, N, 2d], per polarity. */
function pointer(keys: tf.Tensor3D, queries: tf.Tensor3D, d: number): tf.Tensor3D {
  const [B, N] = keys.shape;
  const Q = queries.shape[1];
  const parts = [0, 1].map((pol) => tf.matMul(queries.slice([0, 0, pol * d], [B, Q, d]) as tf.Tensor3D, keys.slice([0, 0, pol * d], [B, N, d]) as tf.Tensor3D, false, true));
  return tf.stack(parts, 3).reshape([B, Q, N * 2]).mul(1 / Math.sqrt(d)) as tf.Tensor3D;
}

/**
 * `firstSelect` [B, 1, N] picks the first fanin's node (teacher forcing in training, the drawn one
 * in sampling); `outputSelect` [B, O, N] picks the output rows.
 */
export function arForward(p: Parameters, c: NetworkConfig, t: BatchTensors, firstSelect: tf.Tensor3D, outputSelect: tf.Tensor3D): ArOutput {
  return arHeads(p, c, t, encode(p, c, t), firstSelect, outputSelect);
}

/** The heads on node embeddings `h` computed once (sampling asks twice: before and after drawing the first fanin). */
export function arHeads(p: Parameters, c: NetworkConfig, t: BatchTensors, h: tf.Tensor3D, firstSelect: tf.Tensor3D, outputSelect: tf.Tensor3D): ArOutput {
  const { B, N } = t;
  const d = c.hidden;
  const w = (name: string) => p.get(name) as tf.Tensor2D;
  const flat = h.reshape([B * N, d]) as tf.Tensor2D;
  const pooled = h.sum(1).div(t.nodeMask.sum(1).maximum(1)) as tf.Tensor2D;
  const stop = matMul(pooled, w('ar/stop/w')).add(w('ar/stop/b')).reshape([B]) as tf.Tensor1D;
  const first = matMul(flat, w('ar/first/w')).add(w('ar/first/b')).reshape([B, N * 2]) as tf.Tensor2D;
  const keys = matMul(flat, w('ar/key')).reshape([B, N, 2 * d]) as tf.Tensor3D;
  const chosen = tf.matMul(firstSelect, h); // [B, 1, d]
  const secondQuery = matMul(chosen.reshape([B, d]) as tf.Tensor2D, w('ar/second/query')).reshape([B, 1, 2 * d]) as tf.Tensor3D;
  const second = pointer(keys, secondQuery, d).reshape([B, N * 2]) as tf.Tensor2D;
  const O = outputSelect.shape[1];
  const outRows = tf.matMul(outputSelect, h).reshape([B * O, d]) as tf.Tensor2D;
  const outputs = pointer(keys, matMul(outRows, w('ar/output/query')).reshape([B, O, 2 * d]) as tf.Tensor3D, d);
  return { stop, first, second, outputs };
}
