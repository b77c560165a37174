// Exact smoothed classifiers on tiny inputs, for checking certificates by brute force: the full
// distribution of a sentence's smoothed copies, the classifier that moves the most probability
// from x to a chosen x' (so a certificate that claims one radius too many is caught), and every
// input within an edit distance.
import { createRng } from '../../../../hw/index.ts';

/** What smoothing does to one word: [probability, what the copy holds there (null: dropped)]. */
export type Outcomes = readonly (readonly [number, number | null])[];

/** The exact distribution of x's smoothed copies, keyed by the copy's words joined with ','. */
export function copyDistribution(x: readonly number[], outcomes: (word: number, position: number) => Outcomes): Map<string, number> {
  const dist = new Map<string, number>();
  const walk = (i: number, w: number, y: number[]) => {
    if (i === x.length) { const k = y.join(','); dist.set(k, (dist.get(k) ?? 0) + w); return; }
    for (const [p, o] of outcomes(x[i], i)) if (p > 0) walk(i + 1, w * p, o === null ? y : [...y, o]);
  };
  walk(0, 1, []);
  return dist;
}

export type Labeller = (copy: string) => number;

/** P(label 1) of the smoothed classifier whose copies are distributed as `dist`. */
export function smoothedP1(dist: ReadonlyMap<string, number>, label: Labeller): number {
  let p = 0;
  for (const [k, w] of dist) p += w * label(k);
  return p;
}

/**
 * A worst-case base classifier for x against x' (Neyman-Pearson): label 1 on every copy of x that
 * no copy of x' equals, then on the shared copies in ascending order of P_x'(copy) / P_x(copy) up
 * to a seeded cut, 0 elsewhere. For its own P_x(1) it leaves x' the least probability of label 1
 * any classifier can, so a certificate is exactly as large as the truth on some of these.
 */
export function worstCaseLabeller(dx: ReadonlyMap<string, number>, dx2: ReadonlyMap<string, number>, seed: number): Labeller {
  const rng = createRng(seed);
  const shared = [...dx.keys()].filter((k) => dx2.has(k)).map((k) => ({ k, ratio: dx2.get(k)! / dx.get(k)!, tie: rng.next() }));
  shared.sort((a, b) => a.ratio - b.ratio || a.tie - b.tie);
  const cut = rng.int(0, shared.length);
  const ones = new Set([...[...dx.keys()].filter((k) => !dx2.has(k)), ...shared.slice(0, cut).map((s) => s.k)]);
  return (k) => (ones.has(k) ? 1 : 0);
}

/** Every sequence over `vocab` within Levenshtein distance `radius` of x (insert, delete, substitute), with its distance. */
export function editBall(x: readonly number[], radius: number, vocab: number): Map<string, { y: number[]; d: number }> {
  const out = new Map([[x.join(','), { y: [...x], d: 0 }]]);
  let frontier = [[...x]];
  for (let d = 1; d <= radius; d++) {
    const next: number[][] = [];
    const add = (y: number[]) => { const k = y.join(','); if (!out.has(k)) { out.set(k, { y, d }); next.push(y); } };
    for (const s of frontier) {
      for (let i = 0; i <= s.length; i++) for (let w = 0; w < vocab; w++) add([...s.slice(0, i), w, ...s.slice(i)]);
      for (let i = 0; i < s.length; i++) {
        add([...s.slice(0, i), ...s.slice(i + 1)]);
        for (let w = 0; w < vocab; w++) if (w !== s[i]) add([...s.slice(0, i), w, ...s.slice(i + 1)]);
      }
    }
    frontier = next;
  }
  return out;
}

export const hamming = (a: readonly number[], b: readonly number[]) => a.reduce((s, t, i) => s + (t === b[i] ? 0 : 1), 0);
