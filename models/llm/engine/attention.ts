/**
 * Grouped-query attention of one block over its KV cache. Per KV head, the query rows of the heads
 * that share it (group x new tokens) form one product with the cached keys (Q K^T, B stored as one
 * row per token) and one with the cached values (P V); both go through the backend.
 */
import type { GemmBackend, PreparedWeights } from '../../common/gemm/index.ts';
import type { LlamaConfig } from '../config.ts';
import type { LlamaLayerWeights } from '../checkpoint.ts';
import type { LayerKvCache } from './kv-cache.ts';
import { blockLabels } from './labels.ts';
import { applyRope, scratch, softmaxRows } from './math.ts';

/** Called with each KV head's attention probabilities (rows x keys; see LayerKvCache.observe). */
export type AttentionObserver = (layer: number, kvHead: number, probs: Float32Array, rows: number, keys: number) => void;

export class Attention {
  readonly wq: PreparedWeights;
  readonly wk: PreparedWeights;
  readonly wv: PreparedWeights;
  readonly wo: PreparedWeights;
  private readonly headSize: number;
  private readonly kvDim: number;
  /** The heads' outputs before W_o, reused from step to step (consumed by W_o's product). */
  private heads?: Float32Array;

  constructor(readonly backend: GemmBackend, w: Pick<LlamaLayerWeights, 'wq' | 'wk' | 'wv' | 'wo'>, readonly config: LlamaConfig) {
    const { dim, heads, kvHeads } = config;
    this.headSize = dim / heads;
    this.kvDim = this.headSize * kvHeads;
    this.wq = backend.prepare(w.wq, dim, dim, 'nk');
    this.wk = backend.prepare(w.wk, dim, this.kvDim, 'nk');
    this.wv = backend.prepare(w.wv, dim, this.kvDim, 'nk');
    this.wo = backend.prepare(w.wo, dim, dim, 'nk');
  }

  /** The attention output (M x dim, after W_o) of normalised inputs x at absolute `positions`. */
  forward(x: Float32Array, m: number, positions: Int32Array, cache: LayerKvCache, layer: number, observer?: AttentionObserver): Float32Array {
    const { dim, heads, kvHeads } = this.config;
    const hs = this.headSize, group = heads / kvHeads;
    const be = this.backend;
    const labels = blockLabels(layer);
    const q = be.linear(x, m, this.wq, labels.q);
    const k = be.linear(x, m, this.wk, labels.k);
    const v = be.linear(x, m, this.wv, labels.v);
    applyRope(q, m, dim, hs, positions);
    applyRope(k, m, this.kvDim, hs, positions);
    cache.append(k, v, m, positions);
    const n = cache.length;
    const keyPos = cache.positions();
    const rows = group * m;
    const out = (this.heads = scratch(this.heads, m * dim)); // every element written below
    const scale = 1 / Math.sqrt(hs);
    const rowPosition = (r: number) => positions[r % m];
    for (let g = 0; g < kvHeads; g++) {
      // Row r: query head g*group + floor(r / m), token r % m. One token (decode): the group's heads, as q holds them.
      const qg = m === 1 ? q.subarray(g * rows * hs, (g + 1) * rows * hs) : groupRows(q, m, dim, hs, g * group, group);
      cache.query?.(g, qg, rows);
      const scores = be.product(qg, rows, hs, cache.keys(g), n, 'nk', labels.qk);
      cache.maskScores?.(g, scores, rows);
      softmaxRows(scores, rows, n, scale, keyPos, rowPosition);
      observer?.(layer, g, scores, rows, n);
      cache.observe?.(g, scores, rows);
      const ctx = be.product(scores, rows, n, cache.values(g), hs, 'kn', labels.av);
      if (m === 1) out.set(ctx, g * rows * hs);
      else scatterRows(ctx, out, m, dim, hs, g * group, group);
    }
    return be.linear(out, m, this.wo, labels.o);
  }
}

/** The query rows of heads h0..h0+count-1 (row r: head h0 + floor(r / m), token r % m), each hs wide. */
function groupRows(q: Float32Array, m: number, dim: number, hs: number, h0: number, count: number): Float32Array {
  const out = new Float32Array(count * m * hs);
  for (let r = 0; r < count * m; r++) {
    const from = (r % m) * dim + (h0 + Math.floor(r / m)) * hs;
    for (let j = 0; j < hs; j++) out[r * hs + j] = q[from + j];
  }
  return out;
}

/** The inverse of groupRows: row r of ctx into token r % m, head h0 + floor(r / m) of out. */
function scatterRows(ctx: Float32Array, out: Float32Array, m: number, dim: number, hs: number, h0: number, count: number): void {
  for (let r = 0; r < count * m; r++) {
    const to = (r % m) * dim + (h0 + Math.floor(r / m)) * hs;
    for (let j = 0; j < hs; j++) out[to + j] = ctx[r * hs + j];
  }
}
