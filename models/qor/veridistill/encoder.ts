import { tf, gatherRows, type Parameters } from '../../common/index.ts';
import { PAD } from './tokenizer.ts';

export interface EncoderConfig {
  readonly vocabSize: number;
  readonly length: number;
  readonly dim: number;
  readonly heads: number;
  readonly layers: number;
  readonly ffDim: number;
}

const prefix = 'enc/';

/** Declares the encoder's weights in `p` (names under `enc/`). */
export function defineEncoder(p: Parameters, c: EncoderConfig): void {
  p.add(`${prefix}tok`, [c.vocabSize, c.dim], { normal: 0.05 });
  p.add(`${prefix}pos`, [c.length, c.dim], { normal: 0.02 });
  for (let l = 0; l < c.layers; l++) {
    const L = `${prefix}l${l}/`;
    for (const w of ['q', 'k', 'v', 'o']) p.add(`${L}${w}`, [c.dim, c.dim]);
    p.add(`${L}ln1g`, [c.dim], 'ones');
    p.add(`${L}ln1b`, [c.dim], 'zeros');
    p.add(`${L}ff1`, [c.dim, c.ffDim]);
    p.add(`${L}ff1b`, [c.ffDim], 'zeros');
    p.add(`${L}ff2`, [c.ffDim, c.dim]);
    p.add(`${L}ff2b`, [c.dim], 'zeros');
    p.add(`${L}ln2g`, [c.dim], 'ones');
    p.add(`${L}ln2b`, [c.dim], 'zeros');
  }
  p.add(`${prefix}lnfg`, [c.dim], 'ones');
  p.add(`${prefix}lnfb`, [c.dim], 'zeros');
  p.add(`${prefix}mlmb`, [c.vocabSize], 'zeros');
}

export const encoderPrefix = prefix;

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(g).add(b);
}

/**
 * softmax(q k^T / sqrt(headDim) + mask) v with one 2-D matMul per (chunk, head), for inference on
 * the wasm backend: it runs 2-D matMuls through XNNPACK but batched ones through a generic loop
 * (16 chunks, 4 heads: 18 ms against 43 ms a layer). Not differentiable, so training keeps the
 * batched form. q, k, v: the projections [batch * length, dim], heads side by side in the columns;
 * returns the heads' outputs in the same layout (what the output projection reads).
 * Per (chunk, head) only the two products and the softmax run as kernels: the operands are cut out,
 * and K transposed, in plain typed-array copies; q is scaled once, before the products (exactly the
 * batched path's numbers when sqrt(headDim) is a power of two, as for 16; otherwise float32 rounding);
 * the key mask is added only to chunks that have [PAD] keys (elsewhere it is -0, which changes nothing).
 * Each of these kernels is tfjs's per-call overhead: 128 divisions and mask additions, a stack and a
 * transpose per layer cost more than the products (`encoder.test.ts`, `prediction-fixture.test.ts`).
 */
function attentionPerPair(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, keyMask: tf.Tensor, batch: number, length: number, heads: number): tf.Tensor2D {
  const dim = q.shape[1]!;
  const headDim = dim / heads;
  const block = length * headDim;
  // Head-major copies ([batch, heads, length, headDim]; K as [batch, heads, headDim, length]): each (chunk, head) operand is one contiguous block.
  // (The caller's tidy frees the copies: a tidy here would walk the returned typed array element by element.)
  const byHead = (x: tf.Tensor, order: number[]) => x.reshape([batch, length, heads, headDim]).transpose(order).dataSync() as Float32Array;
  const qd = byHead(q.div(Math.sqrt(headDim)), [0, 2, 1, 3]);
  const kd = byHead(k, [0, 2, 3, 1]);
  const vd = byHead(v, [0, 2, 1, 3]);
  const maskData = keyMask.dataSync() as Float32Array;
  const out = new Float32Array(batch * length * dim);
  for (let b = 0; b < batch; b++) {
    const maskRow = maskData.subarray(b * length, (b + 1) * length);
    const mask = maskRow.some((m) => m !== 0) ? tf.tensor2d(maskRow, [1, length]) : undefined;
    for (let h = 0; h < heads; h++) {
      const at = (b * heads + h) * block;
      // Disposed at once, by hand (for the same reason).
      const made: tf.Tensor[] = [tf.tensor2d(qd.subarray(at, at + block), [length, headDim]), tf.tensor2d(kd.subarray(at, at + block), [headDim, length]), tf.tensor2d(vd.subarray(at, at + block), [length, headDim])];
      const keep = (x: tf.Tensor) => (made.push(x), x);
      const scores = keep(tf.matMul(made[0] as tf.Tensor2D, made[1] as tf.Tensor2D));
      const weights = keep(tf.softmax(mask ? keep(scores.add(mask)) : scores));
      out.set(keep(tf.matMul(weights as tf.Tensor2D, made[2] as tf.Tensor2D)).dataSync() as Float32Array, at);
      tf.dispose(made);
    }
    mask?.dispose();
  }
  // Back to [batch * length, dim] with the heads side by side.
  return tf.tensor4d(out, [batch, heads, length, headDim]).transpose([0, 2, 1, 3]).reshape([batch * length, dim]);
}

/**
 * A pre-norm transformer encoder over token ids [batch, length] -> hidden states
 * [batch, length, dim]. [PAD] keys are masked out of attention. `inference`: no gradient is taken,
 * so attention may take the per-(chunk, head) path where that is faster (the wasm backend).
 */
export function encode(p: Parameters, c: EncoderConfig, ids: tf.Tensor2D, inference = false): tf.Tensor3D {
  const [batch, length] = ids.shape;
  const headDim = c.dim / c.heads;
  const flat = ids.reshape([batch * length]) as tf.Tensor1D;
  let h = gatherRows(p.get(`${prefix}tok`), flat).reshape([batch, length, c.dim]).add(p.get(`${prefix}pos`).slice([0, 0], [length, c.dim]));
  // [batch, 1, 1, length]: -1e9 where the key is padding.
  const keyMask = ids.equal(PAD).toFloat().mul(-1e9).reshape([batch, 1, 1, length]);
  const split = (x: tf.Tensor) => x.reshape([batch, length, c.heads, headDim]).transpose([0, 2, 1, 3]);
  for (let l = 0; l < c.layers; l++) {
    const L = `${prefix}l${l}/`;
    const x = layerNorm(h, p.get(`${L}ln1g`), p.get(`${L}ln1b`)).reshape([batch * length, c.dim]);
    const q = x.matMul(p.get(`${L}q`));
    const k = x.matMul(p.get(`${L}k`));
    const v = x.matMul(p.get(`${L}v`));
    const attended = inference && tf.getBackend() === 'wasm'
      ? attentionPerPair(q, k, v, keyMask, batch, length, c.heads)
      : tf.matMul(tf.softmax(tf.matMul(split(q), split(k), false, true).div(Math.sqrt(headDim)).add(keyMask)), split(v)).transpose([0, 2, 1, 3]).reshape([batch * length, c.dim]);
    h = h.add(attended.matMul(p.get(`${L}o`)).reshape([batch, length, c.dim]));
    const y = layerNorm(h, p.get(`${L}ln2g`), p.get(`${L}ln2b`)).reshape([batch * length, c.dim]);
    const ff = y.matMul(p.get(`${L}ff1`)).add(p.get(`${L}ff1b`)).relu().matMul(p.get(`${L}ff2`)).add(p.get(`${L}ff2b`));
    h = h.add(ff.reshape([batch, length, c.dim]));
  }
  return layerNorm(h, p.get(`${prefix}lnfg`), p.get(`${prefix}lnfb`)) as tf.Tensor3D;
}

/** Logits over the vocabulary for the hidden states [n, dim] (output tied to the token embedding). */
export function mlmLogits(p: Parameters, hidden: tf.Tensor2D): tf.Tensor2D {
  return hidden.matMul(p.get(`${prefix}tok`), false, true).add(p.get(`${prefix}mlmb`)) as tf.Tensor2D;
}

/**
 * Per chunk: the [CLS] state and the mean of the non-pad states, concatenated -> [batch, 2*dim].
 * This is what the frozen encoder hands to the regression decoder (`inference`: no gradient taken).
 */
export function chunkEmbeddings(p: Parameters, c: EncoderConfig, ids: tf.Tensor2D, inference = true): tf.Tensor2D {
  return tf.tidy(() => {
    const h = encode(p, c, ids, inference);
    const [batch, length] = ids.shape;
    const cls = h.slice([0, 0, 0], [batch, 1, c.dim]).reshape([batch, c.dim]);
    const real = ids.notEqual(PAD).toFloat().reshape([batch, length, 1]);
    const mean = h.mul(real).sum(1).div(real.sum(1).maximum(1));
    return tf.concat([cls, mean], 1) as tf.Tensor2D;
  });
}
