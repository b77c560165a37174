/**
 * A layer cache that keeps every token but lets each decode step attend to a budget of them, chosen
 * per KV head by a selection policy. It also measures, per step, the attention recovery rate (the
 * full attention's mass on the kept tokens: the current query against every cached key) and the KV
 * bytes the step reads (kept keys and values, INT8 with an FP16 scale per token as the array's
 * attention products store them, plus what the policy reads to select). Decode only: tokens arrive
 * one at a time (a prompt longer than the budget would need a compressed prefill).
 */
import { FullKvCache, type LayerKvCache } from '../../engine/kv-cache.ts';
import type { SelectionPolicy } from './policy.ts';

/** Bytes of one token's key (or value) of one head at the attention products' INT8 precision. */
export const tokenBytes = (headSize: number) => headSize + 2;

export interface SelectionStats {
  /** Summed kept attention mass over (compressed step, head, query row), and how many. */
  recovered: number;
  rows: number;
  /** KV bytes read over all steps, and steps. */
  bytes: number;
  steps: number;
  /** Compressed (step, head) pairs that read every key (AttentionPredictor's calibration). */
  calibrations: number;
}

export class SelectingKvCache implements LayerKvCache {
  /** Every token, stored as the array's attention products store them (INT8, FP16 scale per token). */
  private readonly store: FullKvCache;
  private readonly kept: Int32Array[] = [];
  private readonly full: Float32Array[] = [];
  readonly stats: SelectionStats = { recovered: 0, rows: 0, bytes: 0, steps: 0, calibrations: 0 };

  constructor(readonly kvHeads: number, readonly headSize: number, readonly budget: number, readonly policy: SelectionPolicy, capacity = 256) {
    this.store = new FullKvCache(kvHeads, headSize, 'int8', capacity);
  }

  private get n(): number {
    return this.store.length;
  }

  get length(): number {
    return Math.min(this.n, this.budget);
  }

  /** The positions of the last `length` tokens: every one is at or before the decoding token, which is all the causal mask checks. */
  positions(): Int32Array {
    return this.store.positions().subarray(this.n - this.length);
  }

  append(k: Float32Array, v: Float32Array, count: number, positions: ArrayLike<number>): void {
    if (count !== 1) throw new Error(`a selecting cache decodes one token at a time (got ${count}); feed the prompt token by token`);
    this.store.append(k, v, 1, positions);
    this.stats.steps++;
  }

  query(head: number, queries: Float32Array, rows: number): void {
    const n = this.n, hs = this.headSize;
    const keys = this.store.keys(head);
    const full = fullAttention(queries, rows, keys, n, hs);
    this.full[head] = full;
    const kept = n > this.budget ? this.policy.select(head, { n, queries, rows, keys, headSize: hs }) : Int32Array.from({ length: n }, (_, i) => i);
    if (kept.length !== this.length) throw new Error(`${this.policy.name} kept ${kept.length} tokens, the budget is ${this.length}`);
    this.kept[head] = kept;
    if (n > this.budget) {
      this.stats.recovered += recoveredMass(full, rows, n, kept);
      this.stats.rows += rows;
    }
    const readAll = this.policy.readsAllKeys?.(head, n) ?? false;
    if (readAll && n > this.budget) this.stats.calibrations++;
    this.stats.bytes += tokenBytes(hs) * (2 * kept.length + (readAll ? n - kept.length : 0)) + (n > this.budget ? this.policy.metadataBytes?.(n, hs) ?? 0 : 0);
  }

  keys(head: number): Float32Array {
    return this.gather(this.store.keys(head), head);
  }

  values(head: number): Float32Array {
    return this.gather(this.store.values(head), head);
  }

  observe(head: number, probs: Float32Array, rows: number): void {
    this.policy.update(head, this.n, this.kept[head], probs, rows, this.full[head]);
  }

  /** Bytes held: every token (the store keeps them all; the budget bounds what a step reads). */
  bytes(): number {
    return this.store.bytes();
  }

  private gather(src: Float32Array, head: number): Float32Array {
    const kept = this.kept[head], hs = this.headSize;
    if (!kept) throw new Error('keys or values read before the step\'s query');
    const out = new Float32Array(kept.length * hs);
    kept.forEach((t, i) => out.set(src.subarray(t * hs, (t + 1) * hs), i * hs));
    return out;
  }
}

/** softmax(q K^T / sqrt(d)) of each query row over all n keys (rows x n), in double. */
export function fullAttention(queries: Float32Array, rows: number, keys: Float32Array, n: number, hs: number): Float32Array {
  const out = new Float32Array(rows * n);
  const s = new Float64Array(n), scale = 1 / Math.sqrt(hs);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let c = 0; c < hs; c++) dot += queries[r * hs + c] * keys[j * hs + c];
      s[j] = dot * scale;
      if (s[j] > max) max = s[j];
    }
    let sum = 0;
    for (let j = 0; j < n; j++) { s[j] = Math.exp(s[j] - max); sum += s[j]; }
    for (let j = 0; j < n; j++) out[r * n + j] = s[j] / sum;
  }
  return out;
}

/** The summed attention mass of the kept tokens over the rows (probabilities: rows x n). */
export function recoveredMass(probs: Float32Array, rows: number, n: number, kept: ArrayLike<number>): number {
  let total = 0;
  for (let r = 0; r < rows; r++) for (let i = 0; i < kept.length; i++) total += probs[r * n + kept[i]];
  return total;
}
