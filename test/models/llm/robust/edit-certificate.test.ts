// The edit-distance certificate of deletion smoothing, and the Hamming and edit certificates of
// random-edit smoothing, against brute force: exact smoothed probabilities of every input within
// the claimed radius and one beyond, for random classifiers and for worst-case ones, on which the
// certificate must be exactly the truth (a bound claiming one radius more fails these tests).
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { certifiedEditRadius, certifiedRadius, certify, randomEditCopy } from '../../../../models/llm/robust/index.ts';
import { copyDistribution, editBall, hamming, smoothedP1, worstCaseLabeller, type Labeller, type Outcomes } from './exact-smoothing.ts';

/** A fixed random binary classifier of any copy (label 1 with probability `bias`). */
function randomLabeller(seed: number, bias: number): Labeller {
  const rng = createRng(seed);
  const table = new Map<string, number>();
  return (k) => {
    if (!table.has(k)) table.set(k, rng.next() < bias ? 1 : 0);
    return table.get(k)!;
  };
}

interface Tally { claims: number; tight: number }

/**
 * Checks the claim `radius` at x against every input of `ball` (distance from x in `d`): those
 * within the radius keep the smoothed prediction; counts the claim as tight when one at radius + 1
 * flips it. `distance` picks the metric (Infinity: not comparable, e.g. another length for Hamming).
 */
function checkClaim(
  x: readonly number[], radius: number, label: Labeller, dist: (y: readonly number[]) => Map<string, number>,
  ball: Iterable<{ y: number[] }>, distance: (y: readonly number[]) => number, tally: Tally,
): void {
  const p1 = smoothedP1(dist(x), label), top = p1 > 0.5 ? 1 : 0;
  if (radius < 0) return;
  tally.claims++;
  let flipsBeyond = false;
  for (const { y } of ball) {
    const d = distance(y);
    if (d > radius + 1) continue;
    const py = smoothedP1(dist(y), label), keeps = (top === 1 ? py : 1 - py) > 0.5;
    if (d <= radius) expect(keeps, `${x} -> ${y} (claimed radius ${radius}, pA ${Math.max(p1, 1 - p1)})`).toBe(true);
    else if (!keeps) flipsBeyond = true;
  }
  if (flipsBeyond) tally.tight++;
}

/** Memoised exact copy distributions of one smoothing. */
function distributions(outcomes: (word: number, position: number) => Outcomes): (y: readonly number[]) => Map<string, number> {
  const memo = new Map<string, Map<string, number>>();
  return (y) => {
    const k = y.join(',');
    if (!memo.has(k)) memo.set(k, copyDistribution(y, outcomes));
    return memo.get(k)!;
  };
}

const levenshteinFrom = (ball: Map<string, { d: number }>) => (y: readonly number[]) => ball.get(y.join(','))?.d ?? Infinity;

describe('edit-distance certificates', () => {
  it('deletion smoothing: no claimed edit radius is disproved, and worst-case classifiers meet it exactly', () => {
    // x = 0 1 2 (distinct words with their own deletion rates), inputs over {0, 1, 2, 3}; an inserted word gets the smallest rate.
    const x = [0, 1, 2], rng = createRng(9);
    const tally: Tally = { claims: 0, tight: 0 };
    for (const rates of [[0.8, 0.8, 0.8], [0.85, 0.85, 0.85], [0.9, 0.75, 0.85], [0.7, 0.95, 0.9]]) {
      const low = Math.min(...rates);
      const rate = (w: number) => (w < rates.length ? rates[w] : low);
      const dist = distributions((w) => [[1 - rate(w), w], [rate(w), null]]);
      const ball = editBall(x, 3, 4), near = [...ball.values()];
      const distance = levenshteinFrom(ball);
      const check = (label: Labeller) => {
        const p1 = smoothedP1(dist(x), label);
        const r = certifiedEditRadius(Math.max(p1, 1 - p1), x.map(rate), low);
        // The ball reaches distance 3: a claim of 3 (the sentence's length, the most this bound gives) is checked for soundness only.
        checkClaim(x, r, label, dist, near, distance, r < 3 ? tally : { claims: 0, tight: 0 });
      };
      for (let t = 0; t < 14; t++) {
        const target = near[rng.int(1, near.length - 1)].y;
        check(worstCaseLabeller(dist(x), dist(target), rng.int(0, 1e6)));
      }
      for (const seed of [1, 2]) check(randomLabeller(seed, 0.9));
    }
    expect(tally.claims).toBeGreaterThan(30);
    expect(tally.tight).toBeGreaterThan(10);
  });

  it('deletion smoothing on repeated words (a two-word vocabulary): no claimed edit radius is disproved', () => {
    let claims = 0;
    for (const [seed, q] of [[1, 0.9], [2, 0.85], [3, 0.95]] as const) {
      const label = randomLabeller(seed, 0.93);
      const dist = distributions((w) => [[1 - q, w], [q, null]]);
      for (const len of [3, 4]) for (let c = 0; c < 1 << len; c++) {
        const x = Array.from({ length: len }, (_, i) => (c >> i) & 1);
        const p1 = smoothedP1(dist(x), label);
        const r = certifiedEditRadius(Math.max(p1, 1 - p1), x.map(() => q), q);
        if (r <= 0) continue;
        claims++;
        const ball = editBall(x, r, 2);
        checkClaim(x, r, label, dist, ball.values(), levenshteinFrom(ball), { claims: 0, tight: 0 });
      }
    }
    expect(claims).toBeGreaterThan(10);
  });

  it('random-edit smoothing: no claimed Hamming or edit radius is disproved, and worst-case classifiers meet the Hamming radius exactly', () => {
    // Words 0 and 1; an edited word is dropped or replaced by word 2 (half and half).
    const rng = createRng(4);
    const hammingTally: Tally = { claims: 0, tight: 0 }, editTally: Tally = { claims: 0, tight: 0 };
    for (const q of [0.8, 0.9, 0.95]) {
      const dist = distributions((w) => [[1 - q, w], [q / 2, null], [q / 2, 2]]);
      for (let c = 0; c < 16; c++) {
        const x = Array.from({ length: 4 }, (_, i) => (c >> i) & 1);
        const sameLength = [...editBall(x, 4, 3).values()].filter(({ y }) => y.length === x.length);
        const labels: Labeller[] = [randomLabeller(c, 0.9)];
        for (let t = 0; t < 3; t++) {
          const flipped = x.map((w) => (rng.next() < 0.5 ? 1 - w : w));
          labels.push(worstCaseLabeller(dist(x), dist(flipped), rng.int(0, 1e6)));
        }
        for (const label of labels) {
          const p1 = smoothedP1(dist(x), label), pA = Math.max(p1, 1 - p1);
          checkClaim(x, certifiedRadius(pA, x.map(() => q)), label, dist, sameLength, (y) => hamming(x, y), hammingTally);
          // Deletion at q / 2 <= 1/2 never certifies an edit radius of 1 here; the ball reaches one beyond the claim.
          const edit = certifiedEditRadius(pA, x.map(() => q / 2), q / 2);
          const ball = editBall(x, Math.max(0, edit) + 1, 3);
          checkClaim(x, edit, label, dist, ball.values(), levenshteinFrom(ball), editTally);
        }
      }
    }
    expect(hammingTally.claims).toBeGreaterThan(40);
    expect(hammingTally.tight).toBeGreaterThan(10);
    expect(editTally.claims).toBeGreaterThan(40);
  });

  it('has the closed form pA - 1 + p^r > 1/2 for uniform deletion and the smallest rates otherwise; random edits substitute the given words', () => {
    // pA 0.9, p 0.9: 0.9^4 = 0.656 > 0.6, 0.9^5 = 0.590 is not; pA 1: every r up to the length.
    expect(certifiedEditRadius(0.9, [0.9, 0.9, 0.9, 0.9, 0.9], 0.9)).toBe(4);
    expect(certifiedEditRadius(1, [0.9, 0.9, 0.9, 0.9, 0.9], 0.9)).toBe(5);
    expect(certifiedEditRadius(0.8, [0.9, 0.9, 0.9], 0.9)).toBe(3);
    // 0.6 (0.95 - 1 + 0.6) / 0.6 = 0.55; 0.36 (0.95 - 1 + 0.54) / 0.54 = 0.327.
    expect(certifiedEditRadius(0.95, [0.9, 0.6, 0.9], 0.6)).toBe(1);
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
