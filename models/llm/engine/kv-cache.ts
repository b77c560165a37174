/**
 * The KV cache: one replaceable object per layer. The engine appends each new token's keys (after
 * RoPE) and values, reads back what the attention products use, and reports what it saw; a cache
 * decides which tokens it keeps, at what precision it stores them and how many bytes that takes.
 * `FullKvCache` keeps everything; its stored precision only sets the byte count (the values the
 * array multiplies are rounded by the backend's product precision either way).
 */

/** What one layer's cache must do. Keys and values are per KV head, token-major (length x headSize). */
export interface LayerKvCache {
  /** Tokens held now. */
  readonly length: number;
  /** The absolute position of each held token (eviction keeps positions; RoPE is already in the keys). */
  positions(): ArrayLike<number>;
  /** Adds `count` tokens: k and v are count x kvDim rows (RoPE applied to k), at absolute `positions`. */
  append(k: Float32Array, v: Float32Array, count: number, positions: ArrayLike<number>): void;
  /** Keys of KV head `head` as the attention reads them: length x headSize, row-major. */
  keys(head: number): Float32Array;
  values(head: number): Float32Array;
  /**
   * After attention: the probabilities of KV head `head`'s query rows (rows x length; row r is query
   * head `head * group + floor(r / tokens)`, token r % tokens). For caches that evict by attention.
   */
  observe?(head: number, probs: Float32Array, rows: number): void;
  /**
   * Before keys(head) and values(head): KV head `head`'s query rows (rows x headSize, after RoPE; row
   * order as for `observe`). For caches that pick tokens by the query (Quest) or record it. A cache
   * that returns a different subset per head must return `length` tokens for every head.
   */
  query?(head: number, queries: Float32Array, rows: number): void;
  /**
   * After the q.k product, before the softmax (scores: rows x length, row order as for `observe`): a
   * cache that gives each query row its own subset of the tokens it returned sets the scores outside
   * a row's subset to -Infinity (AttentionPredictor's per-query-head selection over a shared KV head).
   */
  maskScores?(head: number, scores: Float32Array, rows: number): void;
  /** Bytes the held keys and values take at the stored precision (scales included). */
  bytes(): number;
}

/** Precisions a full cache can be counted at: bytes per element (+2 bytes of scale per token and head for int8). */
export type KvPrecision = 'fp32' | 'fp16' | 'int8';
const ELEMENT_BYTES: Readonly<Record<KvPrecision, number>> = { fp32: 4, fp16: 2, int8: 1 };

export class FullKvCache implements LayerKvCache {
  private k: Float32Array[];
  private v: Float32Array[];
  private pos: Int32Array;
  private n = 0;

  constructor(readonly kvHeads: number, readonly headSize: number, readonly precision: KvPrecision = 'fp16', capacity = 256) {
    this.k = Array.from({ length: kvHeads }, () => new Float32Array(capacity * headSize));
    this.v = Array.from({ length: kvHeads }, () => new Float32Array(capacity * headSize));
    this.pos = new Int32Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  positions(): Int32Array {
    return this.pos.subarray(0, this.n);
  }

  append(k: Float32Array, v: Float32Array, count: number, positions: ArrayLike<number>): void {
    const hs = this.headSize, kvDim = this.kvHeads * hs;
    if (this.n + count > this.pos.length) this.grow(Math.max(2 * this.pos.length, this.n + count));
    for (let t = 0; t < count; t++) {
      this.pos[this.n + t] = positions[t];
      for (let h = 0; h < this.kvHeads; h++) {
        this.k[h].set(k.subarray(t * kvDim + h * hs, t * kvDim + (h + 1) * hs), (this.n + t) * hs);
        this.v[h].set(v.subarray(t * kvDim + h * hs, t * kvDim + (h + 1) * hs), (this.n + t) * hs);
      }
    }
    this.n += count;
  }

  keys(head: number): Float32Array {
    return this.k[head].subarray(0, this.n * this.headSize);
  }

  values(head: number): Float32Array {
    return this.v[head].subarray(0, this.n * this.headSize);
  }

  bytes(): number {
    const perToken = 2 * this.kvHeads * (this.headSize * ELEMENT_BYTES[this.precision] + (this.precision === 'int8' ? 2 : 0));
    return this.n * perToken;
  }

  private grow(capacity: number): void {
    const hs = this.headSize;
    const resize = (a: Float32Array) => { const b = new Float32Array(capacity * hs); b.set(a); return b; };
    this.k = this.k.map(resize);
    this.v = this.v.map(resize);
    const p = new Int32Array(capacity);
    p.set(this.pos);
    this.pos = p;
  }
}

/** The whole model's cache: one layer cache per block, and the next absolute position. */
export class KvCache {
  /** Position of the next token to be added. */
  position = 0;

  constructor(readonly layers: LayerKvCache[]) {}

  bytes(): number {
    return this.layers.reduce((s, l) => s + l.bytes(), 0);
  }
}
