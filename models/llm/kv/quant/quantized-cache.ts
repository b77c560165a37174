/**
 * A layer cache whose keys and values are stored quantized (KVTuner's quantizer, min-max.ts), in
 * one of two modes:
 * - `per-token`: each token's key row and value row of each head is one group, quantized as the
 *   token is appended;
 * - `kivi`: keys per channel over groups of `group` tokens, values per token; the most recent
 *   `residual` tokens stay at full precision. Tokens are quantized a whole group at a time once
 *   the group is older than the last `residual` tokens, so between `residual` and
 *   `residual + group - 1` tokens are at full precision (KIVI flushes its residual the same way).
 *
 * The attention reads the dequantized values. When several tokens arrive at once (a prefill
 * chunk), the quantized prefix is the one the chunk's first token sees: feeding a window in the
 * chunks `kiviChunks` gives exactly the values token-by-token decoding would give.
 */
import type { LayerKvCache } from '../../engine/kv-cache.ts';
import { fakeQuantizeGroup, GROUP_METADATA_BYTES } from './min-max.ts';
import type { PrecisionPair } from './precision-pairs.ts';

export type QuantMode = 'per-token' | 'kivi';
export const QUANT_MODES: readonly QuantMode[] = ['per-token', 'kivi'];

export interface QuantizedCacheOptions {
  readonly mode: QuantMode;
  readonly pair: Pick<PrecisionPair, 'k' | 'v'>;
  /** KIVI: tokens per key group along the sequence (32). */
  readonly group?: number;
  /** KIVI: recent tokens always at full precision (32). */
  readonly residual?: number;
}

/** Bytes of an unquantized (FP16) element. */
const FULL_BYTES = 2;

export class QuantizedKvCache implements LayerKvCache {
  readonly group: number;
  readonly residual: number;
  private raw: { k: Float32Array[]; v: Float32Array[] };
  private stored: { k: Float32Array[]; v: Float32Array[] };
  private pos: Int32Array;
  private n = 0;
  /** Tokens [0, quantized) are held quantized. */
  private quantized = 0;

  constructor(readonly kvHeads: number, readonly headSize: number, readonly options: QuantizedCacheOptions, capacity = 256) {
    this.group = options.group ?? 32;
    this.residual = options.residual ?? 32;
    const make = () => Array.from({ length: kvHeads }, () => new Float32Array(capacity * headSize));
    this.raw = { k: make(), v: make() };
    this.stored = { k: make(), v: make() };
    this.pos = new Int32Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  /** Tokens held quantized now. */
  get quantizedTokens(): number {
    return this.quantized;
  }

  positions(): Int32Array {
    return this.pos.subarray(0, this.n);
  }

  /** KIVI's quantized prefix when the cache holds `tokens`: whole groups older than the residual window. */
  kiviPrefix(tokens: number): number {
    return Math.floor(Math.max(0, tokens - this.residual) / this.group) * this.group;
  }

  append(k: Float32Array, v: Float32Array, count: number, positions: ArrayLike<number>): void {
    const hs = this.headSize, kvDim = this.kvHeads * hs;
    if (this.n + count > this.pos.length) this.grow(Math.max(2 * this.pos.length, this.n + count));
    for (let t = 0; t < count; t++) {
      const at = (this.n + t) * hs;
      this.pos[this.n + t] = positions[t];
      for (let h = 0; h < this.kvHeads; h++) {
        const src = t * kvDim + h * hs;
        this.raw.k[h].set(k.subarray(src, src + hs), at);
        this.raw.v[h].set(v.subarray(src, src + hs), at);
        this.stored.k[h].set(k.subarray(src, src + hs), at);
        this.stored.v[h].set(v.subarray(src, src + hs), at);
      }
    }
    const first = this.n + 1; // tokens the chunk's first query sees
    this.n += count;
    if (this.options.mode === 'per-token') this.quantizeTokens(this.quantized, this.n);
    else this.quantizeKivi(this.kiviPrefix(first));
  }

  keys(head: number): Float32Array {
    return this.stored.k[head].subarray(0, this.n * this.headSize);
  }

  values(head: number): Float32Array {
    return this.stored.v[head].subarray(0, this.n * this.headSize);
  }

  bytes(): number {
    const hs = this.headSize, q = this.quantized, { k, v } = this.options.pair;
    const codes = (bits: number) => (bits >= 16 ? FULL_BYTES * q * hs : (q * hs * bits) / 8);
    const meta = (bits: number, groups: number) => (bits >= 16 ? 0 : groups * GROUP_METADATA_BYTES);
    const keyGroups = this.options.mode === 'per-token' ? q : (q / this.group) * hs;
    const perHead = codes(k) + meta(k, keyGroups) + codes(v) + meta(v, q) + 2 * FULL_BYTES * (this.n - q) * hs;
    return this.kvHeads * perHead;
  }

  /** Per token: each of tokens [from, to)'s rows quantized on its own. */
  private quantizeTokens(from: number, to: number): void {
    const hs = this.headSize, { k, v } = this.options.pair;
    for (let h = 0; h < this.kvHeads; h++) {
      for (let t = from; t < to; t++) {
        fakeQuantizeGroup(this.raw.k[h], this.stored.k[h], t * hs, hs, 1, k);
        fakeQuantizeGroup(this.raw.v[h], this.stored.v[h], t * hs, hs, 1, v);
      }
    }
    this.quantized = to;
  }

  /** KIVI: whole groups up to `prefix`: keys per channel over the group, values per token. */
  private quantizeKivi(prefix: number): void {
    const hs = this.headSize, G = this.group, { k, v } = this.options.pair;
    for (; this.quantized < prefix; this.quantized += G) {
      const t0 = this.quantized;
      for (let h = 0; h < this.kvHeads; h++) {
        for (let c = 0; c < hs; c++) fakeQuantizeGroup(this.raw.k[h], this.stored.k[h], t0 * hs + c, G, hs, k);
        for (let t = t0; t < t0 + G; t++) fakeQuantizeGroup(this.raw.v[h], this.stored.v[h], t * hs, hs, 1, v);
      }
    }
  }

  private grow(capacity: number): void {
    const hs = this.headSize;
    const resize = (a: Float32Array) => { const b = new Float32Array(capacity * hs); b.set(a); return b; };
    this.raw = { k: this.raw.k.map(resize), v: this.raw.v.map(resize) };
    this.stored = { k: this.stored.k.map(resize), v: this.stored.v.map(resize) };
    const p = new Int32Array(capacity);
    p.set(this.pos);
    this.pos = p;
  }
}

/**
 * The chunks to feed a window of `tokens` through a KIVI cache so that every query sees exactly
 * the cache token-by-token decoding would give it: a new chunk wherever the quantized prefix grows.
 * (Per-token caches need no chunking.)
 */
export function kiviChunks(tokens: number, group = 32, residual = 32): number[] {
  const bounds: number[] = [0];
  // The prefix seen by the query at index i (i + 1 tokens) grows at i + 1 = residual + j * group.
  for (let at = residual + group - 1; at < tokens; at += group) bounds.push(at);
  bounds.push(tokens);
  return bounds.slice(1).map((b, i) => b - bounds[i]).filter((c) => c > 0);
}
