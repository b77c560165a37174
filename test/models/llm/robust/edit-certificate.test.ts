// The edit-distance certificate of deletion smoothing, and the Hamming and edit certificates of
// random-edit smoothing, against brute force: exact smoothed probabilities of every input within
// the claimed radius on a two-word vocabulary.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { certifiedEditRadius, certifiedRadius, certify, randomEditCopy } from '../../../../models/llm/robust/index.ts';

/** Levenshtein distance (insert, delete, substitute) by the textbook table. */
function levenshtein(a: readonly number[], b: readonly number[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** Every sequence over {0, 1} of length lo..hi. */
function sequences(lo: number, hi: number): number[][] {
  const out: number[][] = [];
  for (let n = Math.max(0, lo); n <= hi; n++) for (let c = 0; c < 1 << n; c++) out.push(Array.from({ length: n }, (_, i) => (c >> i) & 1));
  return out;
}

/** A fixed random binary classifier of any sequence over {0, 1} (label 1 with probability `bias`). */
function randomClassifier(seed: number, bias: number): (x: readonly number[]) => number {
  const rng = createRng(seed);
  const table = new Map<string, number>();
  return (x) => {
    const key = x.join(',');
    if (!table.has(key)) table.set(key, rng.next() < bias ? 1 : 0);
    return table.get(key)!;
  };
}

/**
 * Exact P(label 1) of the smoothed classifier at x: each word kept (1 - q), deleted (del), or
 * replaced by word 0 or 1 ((q - del) / 2 each), over all outcomes.
 */
function exactSmoothed(x: readonly number[], q: number, del: number, label: (y: readonly number[]) => number): number {
  const outcomes: [number, number | null | 'keep'][] = [[1 - q, 'keep'], [del, null]];
  if (q > del) outcomes.push([(q - del) / 2, 0], [(q - del) / 2, 1]);
  let p = 0;
  const walk = (i: number, w: number, y: number[]) => {
    if (i === x.length) { p += w * label(y); return; }
    for (const [pw, o] of outcomes) if (pw > 0) walk(i + 1, w * pw, o === 'keep' ? [...y, x[i]] : o === null ? y : [...y, o]);
  };
  walk(0, 1, []);
  return p;
}

describe('edit-distance certificates', () => {
  it('deletion smoothing never claims an edit radius that brute force disproves', () => {
    let claims = 0;
    for (const [seed, q] of [[1, 0.9], [2, 0.85], [3, 0.95]] as const) {
      const label = randomClassifier(seed, 0.93);
      for (const x of sequences(3, 4)) {
        const p1 = exactSmoothed(x, q, q, label), top = p1 > 0.5 ? 1 : 0, pA = Math.max(p1, 1 - p1);
        const r = certifiedEditRadius(pA, x.map(() => q), q);
        if (r <= 0) continue;
        claims++;
        for (const y of sequences(x.length - r, x.length + r)) {
          if (levenshtein(x, y) > r) continue;
          const py = exactSmoothed(y, q, q, label);
          expect(top === 1 ? py : 1 - py, `${x} -> ${y} (r ${r})`).toBeGreaterThan(0.5);
        }
      }
    }
    expect(claims).toBeGreaterThan(10);
  });

  it('random-edit smoothing never claims a Hamming or edit radius that brute force disproves', () => {
    let claims = 0;
    for (const [seed, q] of [[4, 0.9], [5, 0.95]] as const) {
      const label = randomClassifier(seed, 0.93);
      for (const x of sequences(3, 4)) {
        const p1 = exactSmoothed(x, q, q / 2, label), top = p1 > 0.5 ? 1 : 0, pA = Math.max(p1, 1 - p1);
        const hamming = certifiedRadius(pA, x.map(() => q));
        const edit = certifiedEditRadius(pA, x.map(() => q / 2), q / 2);
        if (hamming <= 0 && edit <= 0) continue;
        claims++;
        for (const y of sequences(x.length - Math.max(0, edit), x.length + Math.max(0, edit))) {
          const sameLength = y.length === x.length;
          const d = sameLength ? x.reduce((s, t, i) => s + (t === y[i] ? 0 : 1), 0) : Infinity;
          if (!(d <= hamming) && !(levenshtein(x, y) <= edit)) continue;
          const py = exactSmoothed(y, q, q / 2, label);
          expect(top === 1 ? py : 1 - py, `${x} -> ${y}`).toBeGreaterThan(0.5);
        }
        for (const y of sequences(x.length, x.length)) {
          if (x.reduce((s, t, i) => s + (t === y[i] ? 0 : 1), 0) > hamming) continue;
          const py = exactSmoothed(y, q, q / 2, label);
          expect(top === 1 ? py : 1 - py).toBeGreaterThan(0.5);
        }
      }
    }
    expect(claims).toBeGreaterThan(10);
  });

  it('has the closed form p^r (pA - 1 + p^r) > 1/2 for uniform deletion; random edits substitute the given words', () => {
    // pA = 1, p = 0.9: r = 3 gives 0.729^2 = 0.531; r = 4 gives 0.656^2 = 0.430.
    expect(certifiedEditRadius(1, [0.9, 0.9, 0.9, 0.9, 0.9], 0.9)).toBe(3);
    expect(certifiedEditRadius(0.8, [0.9, 0.9, 0.9], 0.9)).toBe(1);
    expect(certifiedEditRadius(0.5, [0.99], 0.99)).toBe(-1);
    const rng = createRng(3);
    const s = { mask: '', random: () => rng.next() };
    const copies = Array.from({ length: 2000 }, () => randomEditCopy(['a', 'b'], [0.5, 0], s, ['x', 'y']));
    expect(copies.every((c) => c[1] === 'b')).toBe(true);
    const share = (w: string) => copies.filter((c) => c[0] === w).length / copies.length;
    expect(share('a')).toBeCloseTo(0.5, 1);
    expect(share('')).toBeCloseTo(0.25, 1);
    expect(share('x')).toBeCloseTo(0.125, 1);
    const c = certify(['a', 'b', 'c'], [0.9, 0.9, 0.9], (cs) => cs.map(() => 1), 2, 10, 200, 0.001, s, ['x']);
    expect(c.prediction).toBe(1);
    expect(c.editRadius).toBe(certifiedEditRadius(c.pALower, [0.45, 0.45, 0.45], 0.45));
  });
});
