import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { applyEdits, certifiedRadius, certify, clopperPearsonLower, clopperPearsonUpper, damerauLevenshtein, fuzzSensitivity, targetedMasking } from '../../../../models/llm/robust/index.ts';
import { missingPython, pythonWith } from '../../../helpers/requirements.ts';
import { copyDistribution, hamming, smoothedP1, worstCaseLabeller } from './exact-smoothing.ts';

/** Brute force: breadth-first search over single edits (insert, delete, substitute, swap adjacent) from a to b. */
function bruteEditDistance(a: string, b: string, alphabet: string): number {
  let frontier = new Set([a]);
  const seen = new Set([a]);
  for (let d = 0; ; d++) {
    if (frontier.has(b)) return d;
    const next = new Set<string>();
    for (const s of frontier) {
      const out: string[] = [];
      for (let i = 0; i <= s.length; i++) for (const c of alphabet) out.push(s.slice(0, i) + c + s.slice(i));
      for (let i = 0; i < s.length; i++) {
        out.push(s.slice(0, i) + s.slice(i + 1));
        for (const c of alphabet) out.push(s.slice(0, i) + c + s.slice(i + 1));
        if (i + 1 < s.length) out.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
      }
      for (const t of out) if (t.length <= Math.max(a.length, b.length) + 1 && !seen.has(t)) { seen.add(t); next.add(t); }
    }
    frontier = next;
  }
}

describe('Damerau-Levenshtein distance', () => {
  it('matches a brute-force search over edits on random short strings', () => {
    const rng = createRng(11);
    const word = () => Array.from({ length: rng.int(0, 4) }, () => 'abc'[rng.int(0, 2)]).join('');
    for (let t = 0; t < 60; t++) {
      const a = word(), b = word();
      expect(damerauLevenshtein([...a], [...b]), `${a} -> ${b}`).toBe(bruteEditDistance(a, b, 'abc'));
    }
    expect(damerauLevenshtein([...'ca'], [...'abc'])).toBe(2);
    expect(damerauLevenshtein(['the', 'film', 'was', 'good'], ['film', 'the', 'was', 'bad'])).toBe(2);
  });
});

describe('Clopper-Pearson bounds', () => {
  it('has the closed forms at k = n and k = 0', () => {
    expect(clopperPearsonLower(10, 10, 0.05)).toBeCloseTo(0.05 ** (1 / 10), 10);
    expect(clopperPearsonUpper(0, 20, 0.01)).toBeCloseTo(1 - 0.01 ** (1 / 20), 10);
    expect(clopperPearsonLower(0, 20, 0.01)).toBe(0);
  });

  it.skipIf(missingPython('scipy'))('matches SciPy\'s beta quantiles', () => {
    const cases = [[7, 10], [50, 100], [990, 1000], [1, 30], [400, 500]];
    const py = spawnSync(pythonWith('scipy')!, ['-c', `from scipy.stats import beta\nfor k, n in ${JSON.stringify(cases)}:\n  print(beta.ppf(0.001, k, n - k + 1), beta.ppf(0.999, k + 1, n - k))`], { encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    py.stdout.trim().split('\n').forEach((line, i) => {
      const [lo, hi] = line.split(' ').map(Number);
      const [k, n] = cases[i];
      expect(clopperPearsonLower(k, n, 0.001)).toBeCloseTo(lo, 9);
      expect(clopperPearsonUpper(k, n, 0.001)).toBeCloseTo(hi, 9);
    });
  });
});

describe('masking certification', () => {
  it('never claims a radius that a brute-force check over every nearby input disproves, and meets it exactly on worst-case classifiers', () => {
    // Inputs of 5 tokens from {0, 1, 2}, mask = 3: random classifiers of the masked input, and for
    // targets x' (x changed at a few positions) the classifiers that move the most probability from x to x'.
    const n = 5, V = 3, MASK = 3;
    const rng = createRng(5);
    const all = Array.from({ length: V ** n }, (_, c) => Array.from({ length: n }, (_, i) => Math.floor(c / V ** i) % V));
    let claims = 0, tight = 0;
    for (const q of [[0.9, 0.9, 0.9, 0.9, 0.9], [0.7, 0.95, 0.95, 0.8, 0.6], [0.98, 0.98, 0.5, 0.98, 0.98]]) {
      const memo = new Map<string, Map<string, number>>();
      const dist = (y: readonly number[]) => memo.get(y.join(',')) ?? memo.set(y.join(','), copyDistribution(y, (t, i) => [[1 - q[i], t], [q[i], MASK]])).get(y.join(','))!;
      const random = createRng(17);
      const table = new Map<string, number>();
      const randomLabel = (k: string) => table.get(k) ?? table.set(k, random.int(0, 1)).get(k)!;
      for (const x of all.filter((_, i) => i % 11 === 0)) {
        const changed = x.map((t) => (rng.next() < 0.4 ? (t + rng.int(1, 2)) % V : t));
        for (const label of [randomLabel, worstCaseLabeller(dist(x), dist(changed), rng.int(0, 1e6))]) {
          const p1 = smoothedP1(dist(x), label), top = p1 > 0.5 ? 1 : 0;
          const r = certifiedRadius(Math.max(p1, 1 - p1), q);
          if (r < 0) continue;
          claims++;
          let flipsBeyond = false;
          for (const y of all) {
            const d = hamming(x, y);
            if (d > r + 1) continue;
            const py = smoothedP1(dist(y), label), keeps = (top === 1 ? py : 1 - py) > 0.5;
            if (d <= r) expect(keeps, `${x} -> ${y} (claimed radius ${r})`).toBe(true);
            else if (!keeps) flipsBeyond = true;
          }
          if (flipsBeyond) tight++;
        }
      }
    }
    expect(claims).toBeGreaterThan(20);
    expect(tight).toBeGreaterThan(10);
  });

  it('radius from the product of the smallest masking probabilities; Monte Carlo certification abstains when unsure', () => {
    // pA 0.95: radius r needs the product of the r smallest q above 0.55 (0.6 * 0.9 = 0.54 is not; 0.7 * 0.9 * 0.9 = 0.567 is).
    expect(certifiedRadius(0.95, [0.9, 0.9, 0.9])).toBe(3);
    expect(certifiedRadius(0.95, [0.6, 0.9, 0.9])).toBe(1);
    expect(certifiedRadius(0.95, [0.7, 0.9, 0.9])).toBe(3);
    expect(certifiedRadius(0.95, [0.5, 0.9])).toBe(0);
    expect(certifiedRadius(0.5, [0.99])).toBe(-1);
    const rng = createRng(2);
    const sampler = { mask: -1, random: () => rng.next() };
    const constant = certify([1, 2, 3], [0.9, 0.9, 0.9], (c) => c.map(() => 1), 2, 10, 200, 0.001, sampler);
    expect(constant.prediction).toBe(1);
    expect(constant.pALower).toBeCloseTo(0.001 ** (1 / 200), 9);
    const coin = certify([1, 2, 3], [0.9, 0.9, 0.9], (c) => c.map(() => rng.int(0, 1)), 2, 10, 200, 0.001, sampler);
    expect(coin.radius).toBe(-1);
    expect(coin.prediction).toBe(-1);
    // The vote never abstains: the majority of the counted copies (a classifier that says 1 on 70% of them).
    expect(constant.vote).toBe(1);
    const leaning = certify([1, 2, 3], [0.9, 0.9, 0.9], (c) => c.map(() => (rng.next() < 0.3 ? 0 : 1)), 2, 10, 200, 0.05, sampler);
    expect(leaning.vote).toBe(1);
  });
});

describe('MCTS fuzzing', () => {
  it('finds the planted sensitive position of a toy classifier', () => {
    // Positive with probability 0.95 while token 7 sits at position 4 or 5 (a swap keeps it), else 0.3.
    const x = [1, 2, 3, 4, 7, 5, 6, 8];
    const probability = (y: number[]) => (y[4] === 7 || y[5] === 7 ? 0.95 : 0.3);
    const s = fuzzSensitivity(x, probability, 0, { iterations: 300, depth: 2, exploration: 0.5, seed: 1 });
    const best = Array.from(s).indexOf(Math.max(...s));
    expect(best).toBe(4);
    expect(targetedMasking(s, 1, 0.2, 0.8)).toEqual([0.2, 0.2, 0.2, 0.2, 0.8, 0.2, 0.2, 0.2]);
    expect(applyEdits([1, 2, 3], [{ op: 'swap', pos: 0 }, { op: 'delete', pos: 2 }, { op: 'mask', pos: 0 }], 0)).toEqual([0, 1]);
  });
});
