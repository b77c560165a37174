/**
 * A layer cache that keeps every token but lets each decode step attend to a budget of them, chosen
 * by a selection policy per KV head (one set shared by the query heads of the group) or, with
 * `perQueryHead`, per query head (as AttentionPredictor's code selects: each query head its own
 * budget of tokens of the shared KV head, the policy's state indexed by query head). It also
 * measures, per step, the attention recovery rate (the full attention's mass on the kept tokens: the
 * current query against every cached key) and the KV bytes the step reads (kept keys and values, INT8
 * with an FP16 scale per token as the array's attention products store them, plus what the policy
 * reads to select). Decode only: tokens arrive one at a time (a prompt longer than the budget would
 * need a compressed prefill).
 *
 * Per query head, a KV head's step reads the union of its query heads' sets (each key and value once);
 * the engine gets `min(n, group x budget)` tokens (the union, padded with tokens no row keeps) and
 * `maskScores` removes, per row, the tokens outside that row's own set before the softmax.
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
  /** Compressed (step, KV head) pairs that read every key (AttentionPredictor's calibration). */
  calibrations: number;
  /** Index t: `recovered` and `rows` of step t (t + 1 tokens cached) alone. */
  readonly stepRecovered: Float64Array;
  readonly stepRows: Int32Array;
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

export class SelectingKvCache implements LayerKvCache {
  /** Every token, stored as the array's attention products store them (INT8, FP16 scale per token). */
  private readonly store: FullKvCache;
  /** Per KV head: the tokens returned to the engine this step. */
  private readonly kept: Int32Array[] = [];
  /** Per KV head, per query row: the row's own set (per query head only). */
  private readonly rowKept: Int32Array[][] = [];
  private readonly full: Float32Array[] = [];
  readonly stats: SelectionStats;

  /** `group`: query heads per KV head (the policy then sees kvHeads x group heads when `perQueryHead`). */
  constructor(readonly kvHeads: number, readonly headSize: number, readonly budget: number, readonly policy: SelectionPolicy, capacity = 256, readonly perQueryHead = false, readonly group = 1) {
    this.store = new FullKvCache(kvHeads, headSize, 'int8', capacity);
    this.stats = { recovered: 0, rows: 0, bytes: 0, steps: 0, calibrations: 0, stepRecovered: new Float64Array(capacity), stepRows: new Int32Array(capacity) };
  }

  private countRecovered(n: number, mass: number, rows: number): void {
    this.stats.recovered += mass; this.stats.rows += rows;
    this.stats.stepRecovered[n - 1] += mass; this.stats.stepRows[n - 1] += rows;
  }

  private get n(): number {
    return this.store.length;
  }

  get length(): number {
    return Math.min(this.n, this.perQueryHead ? this.group * this.budget : this.budget);
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
    const n = this.n, hs = this.headSize, compressed = n > this.budget;
    const keys = this.store.keys(head);
    const full = fullAttention(queries, rows, keys, n, hs);
    this.full[head] = full;
    let read: number;
    if (!this.perQueryHead) {
      const kept = compressed ? this.policy.select(head, { n, queries, rows, keys, headSize: hs }) : all(n);
      if (kept.length !== this.length) throw new Error(`${this.policy.name} kept ${kept.length} tokens, the budget is ${this.length}`);
      this.kept[head] = kept;
      if (compressed) this.countRecovered(n, recoveredMass(full, rows, n, kept), rows);
      read = kept.length;
    } else {
      if (rows !== this.group) throw new Error(`per-query-head selection decodes one token at a time (${rows} query rows for a group of ${this.group})`);
      const heads = Array.from({ length: rows }, (_, r) => head * this.group + r);
      const views = heads.map((_, r) => ({ n, queries: queries.subarray(r * hs, (r + 1) * hs), rows: 1, keys, headSize: hs }));
      const sets = !compressed ? heads.map(() => all(n)) : this.policy.selectMany?.(heads, views) ?? heads.map((h, r) => this.policy.select(h, views[r]));
      const union = new Uint8Array(n);
      sets.forEach((kept, r) => {
        if (kept.length !== Math.min(n, this.budget)) throw new Error(`${this.policy.name} kept ${kept.length} tokens, the budget is ${this.budget}`);
        for (const t of kept) union[t] = 1;
        if (compressed) this.countRecovered(n, recoveredMass(full.subarray(r * n, (r + 1) * n), 1, n, kept), 1);
      });
      read = union.reduce((a, x) => a + x, 0);
      // The union, then tokens no row keeps (masked for every row) up to `length`.
      const out = new Int32Array(this.length);
      let j = 0;
      for (let t = 0; t < n && j < out.length; t++) if (union[t]) out[j++] = t;
      for (let t = n - 1; t >= 0 && j < out.length; t--) if (!union[t]) out[j++] = t;
      out.sort();
      this.kept[head] = out;
      this.rowKept[head] = sets;
    }
    const policyHead = this.perQueryHead ? head * this.group : head;
    const readAll = this.policy.readsAllKeys?.(policyHead, n) ?? false;
    if (readAll && compressed) this.stats.calibrations++;
    this.stats.bytes += tokenBytes(hs) * (2 * read + (readAll ? n - read : 0)) + (compressed ? this.policy.metadataBytes?.(n, hs) ?? 0 : 0);
  }

  keys(head: number): Float32Array {
    return this.gather(this.store.keys(head), head);
  }

  values(head: number): Float32Array {
    return this.gather(this.store.values(head), head);
  }

  /** Per query head: each row's scores outside its own set become -Infinity. */
  maskScores(head: number, scores: Float32Array): void {
    if (!this.perQueryHead) return;
    const kept = this.kept[head], m = kept.length;
    this.rowKept[head].forEach((set, r) => {
      const own = new Set(set);
      for (let c = 0; c < m; c++) if (!own.has(kept[c])) scores[r * m + c] = -Infinity;
    });
  }

  observe(head: number, probs: Float32Array, rows: number): void {
    if (!this.perQueryHead) { this.policy.update(head, this.n, this.kept[head], probs, rows, this.full[head]); return; }
    const n = this.n, kept = this.kept[head], m = kept.length, at = new Map<number, number>();
    kept.forEach((t, c) => at.set(t, c));
    this.rowKept[head].forEach((set, r) => {
      const own = Float32Array.from(set, (t) => probs[r * m + at.get(t)!]);
      this.policy.update(head * this.group + r, n, set, own, 1, this.full[head].subarray(r * n, (r + 1) * n));
    });
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
