/**
 * Recovery split by decode position: by how many tokens are cached at the step (the new one
 * included). A method's budget is a fixed number of tokens (a fraction of the model's context), so a
 * bucket of longer cached contexts is also one of smaller budgets relative to what is cached; with
 * buckets that double, the same budget-to-context ratios recur one budget up and one bucket later.
 */
import type { ReplayRecovery } from './replay.ts';

/** Steps with `from` <= cached tokens < `to`. */
export interface PositionBucket {
  readonly from: number;
  readonly to: number;
}

/**
 * Buckets from ascending lower edges: [e0, e1), [e1, e2), ..., [last, context]. Throws a RangeError
 * naming the bad edge unless the edges are strictly ascending integers from 1 to `context`.
 */
export function positionBuckets(edges: readonly number[], context: number): PositionBucket[] {
  if (edges.length === 0) throw new RangeError('no bucket edges');
  edges.forEach((e, i) => {
    if (!Number.isInteger(e) || e < 1 || e > context) throw new RangeError(`edge ${e} is not a whole number of cached tokens from 1 to ${context}`);
    if (i > 0 && e <= edges[i - 1]) throw new RangeError(`edge ${e} does not ascend from ${edges[i - 1]}`);
  });
  return edges.map((from, i) => ({ from, to: i + 1 < edges.length ? edges[i + 1] : context + 1 }));
}

export interface BucketRecovery {
  /** Kept mass summed over the bucket's compressed steps, heads and query rows. */
  readonly recovered: number;
  readonly rows: number;
}

/** A replay's kept mass and rows summed per bucket (step t has t + 1 tokens cached). */
export function recoveryByPosition(r: Pick<ReplayRecovery, 'stepRecovered' | 'stepRows'>, buckets: readonly PositionBucket[]): BucketRecovery[] {
  return buckets.map(({ from, to }) => {
    let recovered = 0, rows = 0;
    for (let t = from - 1; t < Math.min(to - 1, r.stepRows.length); t++) { recovered += r.stepRecovered[t]; rows += r.stepRows[t]; }
    return { recovered, rows };
  });
}

/** Per-window differences a - b of two methods' recovery: mean, sample SD, range, and the windows where a is above b. */
export interface WindowDifference {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly above: number;
  readonly windows: number;
}

export function windowDifference(a: readonly number[], b: readonly number[]): WindowDifference {
  if (a.length !== b.length || a.length === 0) throw new Error(`window differences need equal, non-empty lists (${a.length} and ${b.length})`);
  const d = a.map((x, i) => x - b[i]), k = d.length;
  const mean = d.reduce((s, x) => s + x, 0) / k;
  const sd = k > 1 ? Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (k - 1)) : 0;
  return { mean, sd, min: Math.min(...d), max: Math.max(...d), above: d.filter((x) => x > 0).length, windows: k };
}

export interface PositionRow {
  readonly from: number;
  readonly to: number;
  /** Pooled over the windows; null when no step of the bucket was compressed. */
  readonly recovery: number | null;
  readonly rows: number;
  readonly perWindow: readonly (number | null)[];
  /** This method's per-window recovery minus the reference method's (when both compressed the bucket). */
  readonly differenceToReference?: WindowDifference;
}

/** One method's recovery per bucket at one budget, from its windows' replays; `reference` is the reference method's rows. */
export function positionRows(replays: readonly Pick<ReplayRecovery, 'stepRecovered' | 'stepRows'>[], buckets: readonly PositionBucket[], reference?: readonly PositionRow[]): PositionRow[] {
  const perWindow = replays.map((r) => recoveryByPosition(r, buckets));
  return buckets.map(({ from, to }, b) => {
    const cells = perWindow.map((w) => w[b]), rows = cells.reduce((a, c) => a + c.rows, 0);
    const windows = cells.map((c) => (c.rows > 0 ? c.recovered / c.rows : null));
    const ref = reference?.[b].perWindow;
    const comparable = ref !== undefined && windows.every((x) => x !== null) && ref.every((x) => x !== null);
    return {
      from, to, rows, perWindow: windows,
      recovery: rows > 0 ? cells.reduce((a, c) => a + c.recovered, 0) / rows : null,
      ...(comparable ? { differenceToReference: windowDifference(windows as number[], ref as number[]) } : {}),
    };
  });
}

/** How a method's per-window difference to the reference changes from one bucket to a later one. */
export interface GapTrend {
  readonly from: PositionBucket;
  readonly to: PositionBucket;
  /** Per window: (method - reference in `to`) - (method - reference in `from`); above 0 is in the method's favour. */
  readonly change: WindowDifference;
}

/**
 * The trend of a method's gap to the reference over the cache's growth: from the first bucket to the
 * last where both compressed every window (undefined when fewer than two such buckets).
 */
export function gapTrend(rows: readonly PositionRow[], reference: readonly PositionRow[]): GapTrend | undefined {
  const compared = rows.flatMap((r, b) => (r.differenceToReference ? [b] : []));
  if (compared.length < 2) return undefined;
  const first = compared[0], last = compared[compared.length - 1];
  const gaps = (b: number) => rows[b].perWindow.map((x, w) => (x ?? 0) - (reference[b].perWindow[w] ?? 0));
  const bucket = (b: number) => ({ from: rows[b].from, to: rows[b].to });
  return { from: bucket(first), to: bucket(last), change: windowDifference(gaps(last), gaps(first)) };
}
