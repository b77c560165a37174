/**
 * Teacher-forced recovery: a cheap stand-in for decoding with a selected cache. One forward pass of
 * the full model over a window records, per compressed layer and KV head, every step's query rows,
 * the keys and the full attention; a policy then replays the decode steps on those records (select
 * when more tokens are cached than the budget, update after every step with the attention over the
 * kept tokens, i.e. the full row renormalized over them), and recovery is the full rows' mass on the
 * kept tokens, as `SelectingKvCache` counts it. What it leaves out: the kept tokens' effect on later
 * layers' hidden states (every row is the full model's), and perplexity. Its cost is one forward
 * pass per window plus the policy's own work, against a token-by-token decode per window and budget.
 */
import { FullKvCache, KvCache } from '../../engine/kv-cache.ts';
import type { LlamaModel } from '../../engine/model.ts';
import type { SelectionPolicy, StepView } from './policy.ts';
import { recoveredMass } from './selecting-cache.ts';

/** One compressed layer's KV head over a window of T tokens. */
export interface HeadRecord {
  /** Row (i * T + t): query head i of the group at step t (after RoPE), headSize long. */
  readonly queries: Float32Array;
  /** T x headSize (after RoPE). */
  readonly keys: Float32Array;
  /** Row (i * T + t): the full attention of query head i at step t, T long (zero after t). */
  readonly probs: Float32Array;
}

export interface WindowRecord {
  readonly T: number;
  readonly group: number;
  readonly headSize: number;
  /** Layer-major, then KV head. */
  readonly heads: readonly HeadRecord[];
}

class QueryRecordingCache extends FullKvCache {
  readonly queries: Float32Array[] = [];
  query(head: number, queries: Float32Array): void {
    this.queries[head] = queries.slice();
  }
}

/** The full model's queries, keys and attention of every layer from `fullLayers` on, over one window (its first T = length - 1 tokens). */
export function recordWindow(model: LlamaModel, w: Uint16Array, fullLayers: number): WindowRecord {
  const { heads, kvHeads, dim } = model.config, hs = dim / heads, T = w.length - 1;
  const caches = model.blocks.map(() => new QueryRecordingCache(kvHeads, hs, 'fp32', T));
  const probs = new Map<string, Float32Array>();
  model.forward(Array.from(w.subarray(0, T)), new KvCache(caches), {
    logits: 'none',
    observer: (layer, head, p) => { if (layer >= fullLayers) probs.set(`${layer}/${head}`, p.slice()); },
  });
  const out: HeadRecord[] = [];
  for (let l = fullLayers; l < model.blocks.length; l++) {
    for (let g = 0; g < kvHeads; g++) out.push({ queries: caches[l].queries[g], keys: caches[l].keys(g).slice(), probs: probs.get(`${l}/${g}`)! });
  }
  return { T, group: heads / kvHeads, headSize: hs, heads: out };
}

/** Kept mass summed over (compressed step, head, query row), and how many rows; the same per step. */
export interface ReplayRecovery {
  recovered: number;
  rows: number;
  /** Index t: the kept mass of step t (t + 1 tokens cached), summed over heads and query rows. */
  readonly stepRecovered: Float64Array;
  /** Index t: the rows counted at step t (0 while the cache is within the budget). */
  readonly stepRows: Int32Array;
}

/**
 * Replays the decode of a recorded window under `policy` (over every recorded head: KV heads, or query
 * heads with `perQueryHead`), `budget` tokens a step.
 */
export function replayRecovery(rec: WindowRecord, policy: SelectionPolicy, budget: number, perQueryHead = false): ReplayRecovery {
  const { T, group, headSize: hs } = rec;
  const rowsPer = perQueryHead ? 1 : group;
  const units = rec.heads.flatMap((h, i) => (perQueryHead ? Array.from({ length: group }, (_, r) => ({ h, first: r, id: i * group + r })) : [{ h, first: 0, id: i }]));
  const ids = units.map((u) => u.id);
  const total: ReplayRecovery = { recovered: 0, rows: 0, stepRecovered: new Float64Array(T), stepRows: new Int32Array(T) };
  for (let t = 0; t < T; t++) {
    const n = t + 1, compressed = n > budget;
    const full = units.map(({ h, first }) => {
      const f = new Float32Array(rowsPer * n);
      for (let r = 0; r < rowsPer; r++) { const at = ((first + r) * T + t) * T; f.set(h.probs.subarray(at, at + n), r * n); }
      return f;
    });
    let sets: Int32Array[];
    if (!compressed) sets = units.map(() => Int32Array.from({ length: n }, (_, i) => i));
    else {
      const views: StepView[] = units.map(({ h, first }) => {
        const q = new Float32Array(rowsPer * hs);
        for (let r = 0; r < rowsPer; r++) q.set(h.queries.subarray(((first + r) * T + t) * hs, ((first + r) * T + t + 1) * hs), r * hs);
        return { n, queries: q, rows: rowsPer, keys: h.keys.subarray(0, n * hs), headSize: hs };
      });
      sets = policy.selectMany?.(ids, views) ?? ids.map((id, i) => policy.select(id, views[i]));
    }
    units.forEach((u, i) => {
      const kept = sets[i], f = full[i];
      if (compressed) {
        const mass = recoveredMass(f, rowsPer, n, kept);
        total.recovered += mass; total.rows += rowsPer;
        total.stepRecovered[t] += mass; total.stepRows[t] += rowsPer;
      }
      const probs = new Float32Array(rowsPer * kept.length);
      for (let r = 0; r < rowsPer; r++) {
        let mass = 0;
        for (const j of kept) mass += f[r * n + j];
        kept.forEach((j, c) => { probs[r * kept.length + c] = mass > 0 ? f[r * n + j] / mass : 0; });
      }
      policy.update(u.id, n, kept, probs, rowsPer, f);
    });
  }
  return total;
}
