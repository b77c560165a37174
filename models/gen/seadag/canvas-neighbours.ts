import { npnSignature } from './data/npn-signature.ts';
import type { TruthFunction } from './data/truth-function.ts';

/**
 * The function-conditioned canvas prior: instead of any training graph's level widths, those of the
 * K training graphs whose functions are nearest to the requested one by the NPN-invariant signature
 * (L1 distance; every graph tied with the K-th nearest is included, so the choice does not depend
 * on the order of the training pairs). What it needs is kept in the checkpoint beside the plain
 * prior: the training graphs' distinct level widths grouped by signature, with how many graphs
 * have each.
 */
export interface SignatureGroup {
  readonly signature: readonly number[];
  /** Distinct level widths of the training graphs with this signature, in lexicographic order. */
  readonly widths: readonly (readonly number[])[];
  /** How many training graphs have each of `widths`. */
  readonly counts: readonly number[];
}

/** Lexicographic order of number lists (a prefix first). */
function compareLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Groups the training graphs (their function and level widths) by signature; groups sorted by signature. */
export function signatureIndex(graphs: readonly { readonly fn: TruthFunction; readonly widths: readonly number[] }[]): SignatureGroup[] {
  const groups = new Map<string, { signature: number[]; widths: Map<string, { widths: readonly number[]; count: number }> }>();
  for (const g of graphs) {
    const signature = npnSignature(g.fn);
    const key = signature.join(',');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { signature, widths: new Map() }));
    const w = g.widths.join(',');
    const entry = group.widths.get(w);
    if (entry) entry.count++;
    else group.widths.set(w, { widths: [...g.widths], count: 1 });
  }
  return [...groups.values()]
    .sort((a, b) => compareLists(a.signature, b.signature))
    .map((g) => {
      const entries = [...g.widths.values()].sort((a, b) => compareLists(a.widths, b.widths));
      return { signature: g.signature, widths: entries.map((e) => e.widths), counts: entries.map((e) => e.count) };
    });
}

/** Level widths to draw from, each with its number of training graphs. */
export interface WeightedWidths {
  readonly widths: readonly (readonly number[])[];
  readonly counts: readonly number[];
}

/** The level widths of the k training graphs nearest to `fn` (ties with the k-th included), nearest first. */
export function nearestWidths(index: readonly SignatureGroup[], fn: TruthFunction, k: number): WeightedWidths {
  if (index.length === 0) throw new Error('nearestWidths: the signature index is empty');
  const s = npnSignature(fn);
  const ranked = index
    .map((g, i) => ({ g, i, d: g.signature.reduce((acc, x, j) => acc + Math.abs(x - s[j]), 0) }))
    .sort((a, b) => a.d - b.d || a.i - b.i);
  const widths: (readonly number[])[] = [];
  const counts: number[] = [];
  let taken = 0;
  for (let r = 0; r < ranked.length; r++) {
    // Stop at a new distance once k graphs are in: every graph at the k-th graph's distance is kept.
    if (taken >= k && ranked[r].d > ranked[r - 1].d) break;
    ranked[r].g.widths.forEach((w, j) => {
      widths.push(w);
      counts.push(ranked[r].g.counts[j]);
    });
    taken += ranked[r].g.counts.reduce((a, b) => a + b, 0);
  }
  return { widths, counts };
}

/** One draw, in proportion to the counts. */
export function drawWidths(near: WeightedWidths, rand: () => number): readonly number[] {
  const total = near.counts.reduce((a, b) => a + b, 0);
  let u = rand() * total;
  for (let i = 0; i < near.widths.length; i++) {
    u -= near.counts[i];
    if (u < 0) return near.widths[i];
  }
  return near.widths[near.widths.length - 1];
}
