/**
 * Attention-output error of one layer when only its keys or only its values are quantized: the
 * relative Frobenius error ||O' - O|| / ||O|| of the causal attention output O = softmax(Q K^T /
 * sqrt(d)) V over a prefill, where O' uses the quantized cache exactly as decoding would see it
 * (KIVI: the query at token t sees the prefix quantized when t + 1 tokens are cached).
 */
import { FullKvCache } from '../../engine/kv-cache.ts';
import type { LlamaModel } from '../../engine/model.ts';
import { KvCache } from '../../engine/kv-cache.ts';
import { QuantizedKvCache, type QuantMode } from '../quant/quantized-cache.ts';

/** A full cache that also keeps each KV head's query rows of the last forward. */
class QueryRecordingCache extends FullKvCache {
  readonly queries: Float32Array[] = [];
  query(head: number, q: Float32Array): void {
    this.queries[head] = q.slice();
  }
}

/** Q, K and V of every layer and KV head over one prefill of `tokens`. */
export interface LayerCapture {
  readonly queries: Float32Array[];
  readonly keys: Float32Array[];
  readonly values: Float32Array[];
}

export function captureAttention(model: LlamaModel, tokens: readonly number[]): LayerCapture[] {
  const { kvHeads, heads, dim } = model.config;
  const layers = model.blocks.map(() => new QueryRecordingCache(kvHeads, dim / heads, 'fp16', tokens.length));
  model.forward(tokens, new KvCache(layers), { logits: 'none' });
  return layers.map((c) => ({
    queries: c.queries,
    keys: Array.from({ length: kvHeads }, (_, h) => c.keys(h).slice()),
    values: Array.from({ length: kvHeads }, (_, h) => c.values(h).slice()),
  }));
}

/**
 * Causal attention output of query rows (rows = group x T, row r is token r % T) where the query at
 * token t reads keys/values `quantK`/`quantV` for cached tokens below prefix(t + 1) and `k`/`v` above.
 */
export function attentionOutput(q: Float32Array, rows: number, T: number, hs: number, k: Float32Array, v: Float32Array, quantK: Float32Array, quantV: Float32Array, prefix: (tokens: number) => number): Float64Array {
  const out = new Float64Array(rows * hs);
  const s = new Float64Array(T);
  const scale = 1 / Math.sqrt(hs);
  for (let r = 0; r < rows; r++) {
    const t = r % T, p = prefix(t + 1);
    let max = -Infinity;
    for (let j = 0; j <= t; j++) {
      const kk = j < p ? quantK : k;
      let dot = 0;
      for (let c = 0; c < hs; c++) dot += q[r * hs + c] * kk[j * hs + c];
      s[j] = dot * scale;
      if (s[j] > max) max = s[j];
    }
    let sum = 0;
    for (let j = 0; j <= t; j++) { s[j] = Math.exp(s[j] - max); sum += s[j]; }
    for (let j = 0; j <= t; j++) {
      const vv = j < p ? quantV : v, w = s[j] / sum;
      for (let c = 0; c < hs; c++) out[r * hs + c] += w * vv[j * hs + c];
    }
  }
  return out;
}

/** Relative error of the attention output of one captured layer with K at `kBits` and V at `vBits` (16: unquantized). */
export function layerAttentionError(capture: LayerCapture, T: number, hs: number, mode: QuantMode, kBits: number, vBits: number): number {
  let err = 0, norm = 0;
  capture.keys.forEach((k, h) => {
    const v = capture.values[h];
    const cache = new QuantizedKvCache(1, hs, { mode, pair: { k: kBits, v: vBits } }, T);
    // Fed token by token: the stored values are final once all T tokens are in (each group is quantized once).
    for (let t = 0; t < T; t++) cache.append(k.subarray(t * hs, (t + 1) * hs), v.subarray(t * hs, (t + 1) * hs), 1, [t]);
    const prefix = mode === 'per-token' ? (n: number) => n : (n: number) => cache.kiviPrefix(n);
    const q = capture.queries[h], rows = q.length / hs;
    const exact = attentionOutput(q, rows, T, hs, k, v, k, v, () => 0);
    const quant = attentionOutput(q, rows, T, hs, k, v, cache.keys(0), cache.values(0), prefix);
    for (let i = 0; i < exact.length; i++) { err += (quant[i] - exact[i]) ** 2; norm += exact[i] ** 2; }
  });
  return Math.sqrt(err / norm);
}
