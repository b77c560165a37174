import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../hw/index.ts';
import { dare, dareDrop, loreTensor, mergeModels, singularValues, svt, taskArithmetic, ties, trim } from '../../../../models/llm/merge/index.ts';
import { missingPython, pythonWith } from '../../../helpers/requirements.ts';
import { tinyBase } from '../tasks/tiny-task.ts';

const script = join(dirname(fileURLToPath(import.meta.url)), 'numpy_lore.py');
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** Three "fine-tuned" 12 x 9 matrices: a shared base plus a rank-2 task vector each, plus small noise. */
function lowRankModels(seed: number): { thetas: Float64Array[]; base: Float64Array; rows: number; cols: number } {
  const rng = createRng(seed), rows = 12, cols = 9;
  const base = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const thetas = [0, 1, 2].map(() => {
    const u = Array.from({ length: 2 }, () => Array.from({ length: rows }, () => rng.normal()));
    const v = Array.from({ length: 2 }, () => Array.from({ length: cols }, () => rng.normal()));
    return Float64Array.from(base, (b, j) => b + 0.5 * (u[0][Math.floor(j / cols)] * v[0][j % cols] + u[1][Math.floor(j / cols)] * v[1][j % cols]) + 0.01 * rng.normal());
  });
  return { thetas, base, rows, cols };
}

describe('singular-value thresholding and LoRE', () => {
  it('SVT with mu = 0 reconstructs the matrix; a vector\'s SVT shrinks its norm', () => {
    const { thetas, rows, cols } = lowRankModels(1);
    expect(maxDiff(svt(thetas[0], rows, cols, 0).value, thetas[0])).toBeLessThan(1e-9);
    const v = svt([3, 4], 1, 2, 1);
    expect(Array.from(v.value)).toEqual([2.4, 3.2].map((x) => expect.closeTo(x, 12)));
    expect(v.nuclearNorm).toBeCloseTo(4, 12);
    expect(Array.from(svt([3, 4], 1, 2, 6).value)).toEqual([0, 0]);
  });

  it('descends: the objective never increases, and the task vectors come out low-rank', () => {
    const { thetas, rows, cols } = lowRankModels(2);
    const r = loreTensor(thetas, rows, cols, 0.5, 12);
    for (let i = 1; i < r.objective.length; i++) expect(r.objective[i]).toBeLessThanOrEqual(r.objective[i - 1] + 1e-9);
    // Each theta_i - theta0 holds its own rank-2 vector and a share of the others' (rank <= 6 of 9); the noise is thresholded away.
    for (const d of r.deltas) expect(Array.from(singularValues(d, rows, cols)).filter((s) => s > 1e-9).length).toBeLessThanOrEqual(6);
  });

  it.skipIf(missingPython('numpy'))('matches NumPy: SVT against an explicit SVD reconstruction, and every coordinate-descent result', () => {
    const { thetas, rows, cols } = lowRankModels(3);
    const job = { thetas: thetas.map((t) => Array.from(t)), rows, cols, mu: 0.7, iterations: 6 };
    const py = spawnSync(pythonWith('numpy')!, [script], { input: JSON.stringify(job), encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const ref = JSON.parse(py.stdout) as { svt: number[]; base: number[]; deltas: number[][]; objective: number[] };
    expect(maxDiff(svt(thetas[0], rows, cols, 0.7).value, ref.svt)).toBeLessThan(1e-9);
    const r = loreTensor(thetas, rows, cols, 0.7, 6);
    expect(maxDiff(r.base, ref.base)).toBeLessThan(1e-9);
    r.deltas.forEach((d, i) => expect(maxDiff(d, ref.deltas[i])).toBeLessThan(1e-9));
    expect(maxDiff(r.objective, ref.objective)).toBeLessThan(1e-7);
  });
});

describe('merging baselines on hand-made vectors', () => {
  it('Task Arithmetic sums the task vectors times lambda', () => {
    expect(Array.from(taskArithmetic([[1, -2, 0], [3, 1, -1]], 0.5))).toEqual([2, -0.5, -0.5]);
  });

  it('TIES trims, elects signs by the trimmed sum and averages the agreeing entries', () => {
    expect(Array.from(trim([0.1, -3, 2, -0.5], 0.5))).toEqual([0, -3, 2, 0]);
    // Trimmed to half: [4, -2, 0, 0], [-1, 3, 0, 0], [0, -2, 0, 5]. Entry 0: 4 - 1 -> sign +, mean of {4} = 4.
    // Entry 1: -2 + 3 - 2 -> sign -, mean(-2, -2) = -2. Entry 2: nothing left -> 0. Entry 3: only 5 -> 5.
    const taus = [[4, -2, 0.1, 1], [-1, 3, 0.2, 0.3], [0.2, -2, 0, 5]];
    expect(Array.from(trim(taus[1], 0.5))).toEqual([-1, 3, 0, 0]);
    expect(Array.from(ties(taus, 0.5, 1))).toEqual([4, -2, 0, 5]);
    expect(Array.from(ties(taus, 0.5, 0.5))).toEqual([2, -1, 0, 2.5]);
  });

  it('DARE drops about p of the entries and rescales the rest by 1/(1-p), keeping the mean; p = 0 is Task Arithmetic', () => {
    const tau = Array.from({ length: 20000 }, (_, i) => 1 + (i % 3));
    const d = dareDrop(tau, 0.9, 4);
    const kept = Array.from(d).filter((v) => v !== 0);
    expect(kept.length / tau.length).toBeCloseTo(0.1, 2);
    kept.forEach((v) => expect([10, 20, 30].some((x) => Math.abs(v - x) < 1e-9)).toBe(true));
    expect(Array.from(d).reduce((a, b) => a + b, 0) / tau.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 1);
    expect(Array.from(dare([[1, 2], [3, 4]], 0, 0.5, 1))).toEqual([2, 3]);
  });

  it('merges whole models: unchanged tensors stay the base\'s; one model merged by TA with lambda 1 is that model', () => {
    const base = tinyBase(1);
    const tuned = { ...base, layers: base.layers.map((l, i) => (i === 1 ? { ...l, w2: l.w2.map((v, j) => v + (j % 5 === 0 ? 0.1 : 0)) } : l)) };
    const r = mergeModels('task-arithmetic', [tuned], base, { lambda: 1 });
    expect(Array.from(r.weights.layers[1].w2)).toEqual(Array.from(tuned.layers[1].w2));
    expect(r.weights.layers[0].wq).toBe(base.layers[0].wq);
    const lore = mergeModels('lore', [tuned, base], base, { lambda: 1, muShare: 0, iterations: 2 });
    // mu = 0: the implicit base is the mean and the deltas the deviations from it, so lambda 1 gives the mean model.
    expect(maxDiff(lore.weights.layers[1].w2, tuned.layers[1].w2.map((v, j) => (v + base.layers[1].w2[j]) / 2))).toBeLessThan(1e-6);
  });

  it('LoRE never reads the true base: tensors the fine-tuned models share come from them, and a wrong base changes only the diagnostics', () => {
    const base = tinyBase(1), other = tinyBase(2);
    const shift = (w: Float32Array, k: number) => w.map((v, j) => v + (j % 3 === k ? 0.05 : 0));
    const a = { ...other, layers: other.layers.map((l, i) => (i === 1 ? { ...l, w2: shift(l.w2, 0) } : l)) };
    const b = { ...other, layers: other.layers.map((l, i) => (i === 1 ? { ...l, w2: shift(l.w2, 1) } : l)) };
    const p = { lambda: 1, muShare: 0.2, iterations: 30, tolerance: 1e-6 };
    const withTrue = mergeModels('lore', [a, b], other, p), withWrong = mergeModels('lore', [a, b], base, p);
    expect(Array.from(withWrong.weights.layers[1].w2)).toEqual(Array.from(withTrue.weights.layers[1].w2));
    expect(withWrong.weights.layers[0].wq).toBe(a.layers[0].wq);
    expect(withWrong.lore!.implicitBaseDistance).not.toBe(withTrue.lore!.implicitBaseDistance);
  });

  it('LoRE\'s average merging converges to the plain mean of the models (theta0 = mean(theta_i - delta_i)), whatever mu', () => {
    const { thetas, rows, cols } = lowRankModels(5);
    const meanModel = Float64Array.from(thetas[0], (_, j) => thetas.reduce((s, t) => s + t[j], 0) / thetas.length);
    for (const mu of [0.2, 1, 3]) {
      const gap = (iterations: number) => {
        const r = loreTensor(thetas, rows, cols, mu, iterations);
        return maxDiff(Float64Array.from(r.base, (b, j) => b + r.deltas.reduce((s, d) => s + d[j], 0) / r.deltas.length), meanModel);
      };
      expect(gap(300)).toBeLessThan(1e-5);
      expect(gap(300)).toBeLessThan(gap(3));
    }
  });

  it('LoRE stops once a round lowers the objective by less than the tolerance', () => {
    const { thetas, rows, cols } = lowRankModels(4);
    const full = loreTensor(thetas, rows, cols, 0.5, 200).objective;
    const r = loreTensor(thetas, rows, cols, 0.5, 200, 1e-3).objective;
    const n = r.length;
    expect(n).toBeLessThan(200);
    expect(r[n - 2] - r[n - 1]).toBeLessThan(1e-3 * r[n - 2]);
    for (let i = 1; i < n - 1; i++) expect(r[i - 1] - r[i]).toBeGreaterThanOrEqual(1e-3 * r[i - 1]);
    expect(r).toEqual(full.slice(0, n));
  });
});
