import { describe, expect, it } from 'vitest';
import { alphaBar, globalSteps, localStep, noiseClass, posterior, type Schedule } from '../../../../models/gen/seadag/diffusion/schedule.ts';
import { rateAt } from '../../../../models/gen/seadag/training-loop.ts';
import { nodeSteps, noisyGraph } from '../../../../models/gen/seadag/diffusion/noising.ts';
import { emptyGraph, EDGE_PLAIN, NODE_AND } from '../../../../models/gen/seadag/canvas.ts';
import { seededRandom } from '../../../../util/index.ts';

describe('layer-wise schedule', () => {
  it('matches the hand-computed local steps of a 3-level canvas (T = 4, lag = 2): level 1 first, the outputs last', () => {
    const s: Schedule = { steps: 4, lag: 2 };
    expect(globalSteps(s, 3)).toBe(8);
    // Global step, then the local steps of levels 1, 2, 3: tau_l = clamp(s - (3 - l) * 2, 0, 4).
    const table = [
      [8, [4, 4, 4]], [7, [3, 4, 4]], [6, [2, 4, 4]], [5, [1, 3, 4]], [4, [0, 2, 4]], [3, [0, 1, 3]], [2, [0, 0, 2]], [1, [0, 0, 1]], [0, [0, 0, 0]],
    ] as const;
    for (const [step, taus] of table) expect([1, 2, 3].map((l) => localStep(s, step, l, 3))).toEqual(taus);
  });

  it('with lag 0 every level shares one timestep (the uniform ablation)', () => {
    const s: Schedule = { steps: 5, lag: 0 };
    expect(globalSteps(s, 4)).toBe(5);
    for (let step = 0; step <= 5; step++) expect([1, 2, 3, 4].map((l) => localStep(s, step, l, 4))).toEqual([step, step, step, step]);
  });

  it("gives every node its level's step (inputs always 0)", () => {
    const g = emptyGraph({ inputs: 2, outputs: 1, widths: [2, 1] });
    expect(Array.from(nodeSteps(g, { steps: 4, lag: 2 }, 5))).toEqual([0, 0, 1, 1, 3, 4]);
  });
});

describe('forward noising', () => {
  const s: Schedule = { steps: 4, lag: 2 };

  it('keeps all signal at tau 0, none at T, and decreases in between (cosine)', () => {
    expect(alphaBar(s, 0)).toBe(1);
    expect(alphaBar(s, 4)).toBe(0);
    const f = (t: number) => Math.cos(((t / 4 + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    expect(alphaBar(s, 2)).toBeCloseTo(f(2) / f(0), 12);
    expect(alphaBar(s, 1)).toBeGreaterThan(alphaBar(s, 2));
  });

  it('noiseClass keeps x0 for u < alphaBar and splits the rest by the marginal', () => {
    const m = [0.5, 0.3, 0.2];
    expect(noiseClass(2, 0.6, m, 0.59)).toBe(2);
    // u = 0.6 + 0.4 * 0.45 lands in the first marginal class (0.45 < 0.5), 0.6 + 0.4 * 0.7 in the second.
    expect(noiseClass(2, 0.6, m, 0.6 + 0.4 * 0.45)).toBe(0);
    expect(noiseClass(2, 0.6, m, 0.6 + 0.4 * 0.7)).toBe(1);
    expect(noiseClass(1, 0.6, m, 0.6 + 0.4 * 0.95)).toBe(2);
  });

  it('draws q(x_tau | x_0) = alphaBar onehot + (1 - alphaBar) m for the edges of a level (empirical frequencies)', () => {
    const g = emptyGraph({ inputs: 3, outputs: 1, widths: [1] });
    const n = 5;
    g.type[3] = NODE_AND;
    g.edge[3 * n + 0] = EDGE_PLAIN;
    const m = { type: [0.3, 0.7], slotEdge: [0.8, 0.15, 0.05], outputEdge: [0.6, 0.3, 0.1] };
    const tau = new Int32Array([0, 0, 0, 2, 0]); // the slot at tau 2, the output clean
    const rand = seededRandom(5);
    const counts = [0, 0, 0];
    const trials = 20000;
    for (let k = 0; k < trials; k++) counts[noisyGraph(g, tau, s, m, rand).edge[3 * n + 0]]++;
    const ab = alphaBar(s, 2);
    const want = [(1 - ab) * 0.8, ab + (1 - ab) * 0.15, (1 - ab) * 0.05];
    counts.forEach((c, i) => expect(c / trials).toBeCloseTo(want[i], 2));
    // The clean output row is left as it is.
    expect(noisyGraph(g, tau, s, m, rand).edge[4 * n + 3]).toBe(0);
  });
});

describe('reverse step', () => {
  /** Independent reference: Bayes with the full transition matrices. */
  function reference(s: Schedule, tau: number, xt: number, pred: number[], m: number[]): number[] {
    const K = m.length;
    const Q = (a: number) => Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => a * (i === j ? 1 : 0) + (1 - a) * m[j]));
    const step = Q(alphaBar(s, tau) / alphaBar(s, tau - 1));
    const cum = Q(alphaBar(s, tau - 1));
    const out = new Array(K).fill(0);
    for (let x0 = 0; x0 < K; x0++) {
      const joint = Array.from({ length: K }, (_, i) => cum[x0][i] * step[i][xt]);
      const z = joint.reduce((a, b) => a + b, 0);
      joint.forEach((p, i) => (out[i] += (pred[x0] * p) / z));
    }
    const z = out.reduce((a, b) => a + b, 0);
    return out.map((p) => p / z);
  }

  it.each([[1, 0], [2, 1], [3, 2], [4, 1]])('posterior at tau %i from state %i equals Bayes with the full matrices', (tau, xt) => {
    const s: Schedule = { steps: 4, lag: 2 };
    const m = [0.7, 0.2, 0.1];
    const pred = [0.1, 0.6, 0.3];
    const got = posterior(s, tau, xt, pred, m);
    reference(s, tau, xt, pred, m).forEach((p, i) => expect(got[i]).toBeCloseTo(p, 10));
  });

  it('at tau 1 the posterior is the prediction (x_0 itself)', () => {
    const s: Schedule = { steps: 4, lag: 2 };
    const got = posterior(s, 1, 2, [0.2, 0.5, 0.3], [0.7, 0.2, 0.1]);
    [0.2, 0.5, 0.3].forEach((p, i) => expect(got[i]).toBeCloseTo(p, 10));
  });
});

describe('learning-rate schedule of a training run', () => {
  it('is constant without a decay target, warms up linearly, and decays by a cosine to the target at the last step', () => {
    expect(rateAt(1e-3, {}, 500, 0, 1000)).toBe(1e-3);
    // Warm-up over 4 steps of a run that starts at step 100: (k + 1) / 4 of the rate at k = step - 100.
    expect([100, 101, 102, 103, 104].map((s) => rateAt(1, { warmup: 4 }, s, 100, 200))).toEqual([0.25, 0.5, 0.75, 1, 1]);
    // Cosine from 1 at step 100 to 0.1 at step 200: half-way 0.1 + 0.9 * 0.5 = 0.55, a quarter 0.1 + 0.9 * (1 + cos(pi / 4)) / 2.
    expect(rateAt(1, { finalRate: 0.1 }, 100, 100, 200)).toBeCloseTo(1, 12);
    expect(rateAt(1, { finalRate: 0.1 }, 150, 100, 200)).toBeCloseTo(0.55, 12);
    expect(rateAt(1, { finalRate: 0.1 }, 125, 100, 200)).toBeCloseTo(0.1 + 0.45 * (1 + Math.SQRT1_2), 12);
    expect(rateAt(1, { finalRate: 0.1 }, 200, 100, 200)).toBeCloseTo(0.1, 12);
  });
});
