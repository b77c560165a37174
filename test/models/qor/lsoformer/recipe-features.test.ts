// The recipe's operation counts per step against a hand-computed example, and their causality; the
// linear recipe term fitted to labels that follow a known per-operation rule recovers that rule.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spearman } from '../../../../models/common/index.ts';
import { fitRecipeTerm, loadRecipeDataset, makeSplit, recipeFeatureCount, recipeFeatures } from '../../../../models/qor/lsoformer/index.ts';
import { logRatios } from '../../../../models/qor/lsoformer/targets.ts';
import { writeSyntheticDataset } from './synthetic-data.ts';

const work = mkdtempSync(join(tmpdir(), 'tessera-lso-term-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('recipe features', () => {
  it('count each operation so far (over the length), over the last 5 steps (over 5), and mark the step\'s own', () => {
    // One recipe of 7 steps over 3 operations: 0 1 1 2 0 0 1.
    const ops = Int32Array.from([0, 1, 1, 2, 0, 0, 1]);
    const f = recipeFeatures(ops, 1, 7, 3);
    expect(recipeFeatureCount(3)).toBe(9);
    const row = (k: number) => Array.from(f.slice(k * 9, k * 9 + 9)).map((v) => Math.round(v * 35)); // 35 = 7 * 5: whole numbers
    // After step 1 (op 0): prefix [1,0,0]/7, window [1,0,0]/5, own op 0.
    expect(row(0)).toEqual([5, 0, 0, 7, 0, 0, 35, 0, 0]);
    // After step 5 (ops 0 1 1 2 0): prefix [2,2,1]/7, window the same five [2,2,1]/5, own op 0.
    expect(row(4)).toEqual([10, 10, 5, 14, 14, 7, 35, 0, 0]);
    // After step 7 (ops 0 1 1 2 0 0 1): prefix [3,3,1]/7; window steps 3-7 (1 2 0 0 1): [2,2,1]/5; own op 1.
    expect(row(6)).toEqual([15, 15, 5, 14, 14, 7, 0, 35, 0]);
  });

  it('row k depends on steps 1..k only, and each recipe of a batch on its own steps', () => {
    const a = recipeFeatures(Int32Array.from([2, 0, 1, 1, 0, 0]), 1, 6, 3);
    const both = recipeFeatures(Int32Array.from([2, 0, 1, 1, 0, 0, 2, 0, 1, 2, 2, 2]), 2, 6, 3);
    expect(Array.from(both.slice(0, 54))).toEqual(Array.from(a));
    expect(Array.from(both.slice(54, 54 + 27))).toEqual(Array.from(a.slice(0, 27))); // steps 1-3 shared
    expect(Array.from(both.slice(54 + 27, 54 + 36))).not.toEqual(Array.from(a.slice(27, 36)));
    expect(() => recipeFeatures(Int32Array.from([3]), 1, 1, 3)).toThrow(/out of range/);
  });
});

describe('the linear recipe term', () => {
  it('fitted on training designs, orders an unseen design\'s recipes as the per-operation rule does, with zero mean on the training runs', () => {
    // Labels: each operation multiplies the nodes by its own factor (rounded each step), so the log
    // ratio is, up to rounding, linear in the recipe's operation counts.
    const { designs } = loadRecipeDataset(writeSyntheticDataset(work, 8, 60, 8));
    const split = makeSplit('epfl', designs, 1); // the two 'epfl' designs are unseen
    const unit = { mean: [0, 0, 0, 0], std: [1, 1, 1, 1] };
    const fit = fitRecipeTerm(designs, split.train, unit, 7, 1e-3);
    expect(fit.w).toHaveLength(recipeFeatureCount(7));
    expect(fit.b).toHaveLength(8);
    const term = (ops: Int32Array, channel: number) => {
      const f = recipeFeatures(ops, 1, 8, 7).subarray(7 * 21, 8 * 21);
      return fit.b[7][channel] + f.reduce((s, v, a) => s + v * fit.w[a][channel], 0);
    };
    for (const { design, runs } of split.test) {
      const d = designs[design];
      const truth = runs.map((k) => logRatios(d.runs[k].labels, d.start).final[0]);
      expect(spearman(runs.map((k) => term(d.runs[k].ops, 0)), truth)).toBeGreaterThan(0.9);
    }
    // The per-step bias makes the term average zero over the training runs.
    const all = split.train.flatMap(({ design, runs }) => runs.map((k) => term(designs[design].runs[k].ops, 0)));
    expect(Math.abs(all.reduce((a, b) => a + b, 0) / all.length)).toBeLessThan(1e-6);
  });
});
