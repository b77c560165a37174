// Weight noise at inference against SciPy's normal distribution (a Kolmogorov-Smirnov test), and
// which weights it touches.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { noisyWeights } from '../../../../models/llm/robust/index.ts';
import { missingPython, pythonWith } from '../../../helpers/requirements.ts';
import { tinyBase } from '../tasks/tiny-task.ts';

describe('weight noise at inference', () => {
  const base = tinyBase();
  const sigma = 0.03;
  const noisy = noisyWeights(base, sigma, 1, 9);

  it('leaves the lower blocks, norms and embedding alone and is seeded', () => {
    expect(noisy.layers[0]).toBe(base.layers[0]);
    expect(noisy.tokenEmbedding).toBe(base.tokenEmbedding);
    expect(noisy.layers[1].rmsAttention).toBe(base.layers[1].rmsAttention);
    expect(noisy.layers[1].wq).not.toEqual(base.layers[1].wq);
    expect(noisyWeights(base, sigma, 1, 9).layers[1].w2).toEqual(noisy.layers[1].w2);
    expect(noisyWeights(base, sigma, 1, 10).layers[1].w2).not.toEqual(noisy.layers[1].w2);
  });

  it.skipIf(missingPython('scipy'))('adds N(0, sigma^2) to every matrix entry of the noisy blocks (SciPy KS test)', () => {
    const diffs: number[] = [];
    for (const m of ['wq', 'wk', 'wv', 'wo', 'w1', 'w2', 'w3'] as const) noisy.layers[1][m].forEach((v, i) => diffs.push((v - base.layers[1][m][i]) / sigma));
    const py = spawnSync(pythonWith('scipy')!, ['-c', 'import sys, json\nfrom scipy.stats import kstest\nd = json.load(sys.stdin)\nprint(kstest(d, "norm").pvalue)'], { input: JSON.stringify(diffs), encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    expect(diffs.length).toBeGreaterThan(2000);
    expect(Number(py.stdout)).toBeGreaterThan(0.01);
  });
});
