// What the recipe search needs from a predictor: the order of one design's recipes. The within-design
// loss against a plain computation of per-design z-scores, the rank metrics against hand-made
// predictions, and a training run that resumes from its epoch checkpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../models/common/index.ts';
import {
  defaultSettings, designTensors, loadRecipeDataset, makeSplit, meanRatioPredictions, pairwiseRankLoss, randomSearchOdds, scorePredictions, trainModel, withinDesignLoss, type RunPrediction,
} from '../../../../models/qor/lsoformer/index.ts';
import { writeSyntheticDataset } from './synthetic-data.ts';

const work = mkdtempSync(join(tmpdir(), 'tessera-lso-rank-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await selectBackend(() => {});
});

describe('within-design loss', () => {
  it('is the MSE of per-design z-scores: centred on each side, divided by the targets\' deviation (with a floor)', () => {
    const target = [[1, 5], [2, 5], [4, 5.001]];
    const pred = [[10, 0], [10.5, 3], [12, 1]];
    const floor = 0.02;
    let sum = 0;
    for (let c = 0; c < 2; c++) {
      const y = target.map((r) => r[c]);
      const p = pred.map((r) => r[c]);
      const my = y.reduce((a, b) => a + b) / 3;
      const mp = p.reduce((a, b) => a + b) / 3;
      const sd = Math.max(floor, Math.sqrt(y.reduce((a, v) => a + (v - my) ** 2, 0) / 3));
      for (let i = 0; i < 3; i++) sum += ((p[i] - mp - (y[i] - my)) / sd) ** 2;
    }
    const got = tf.tidy(() => withinDesignLoss(tf.tensor2d(target), tf.tensor2d(pred), floor).dataSync()[0]);
    expect(got).toBeCloseTo(sum / 6, 3);
    // A constant shift of the predictions costs nothing: only the order and spread within the design count.
    const shifted = tf.tidy(() => withinDesignLoss(tf.tensor2d(target), tf.tensor2d(target.map((r) => r.map((v) => v + 7))), floor).dataSync()[0]);
    expect(shifted).toBeCloseTo(0, 6);
  });
});

describe('pairwise ranking loss', () => {
  it('is the mean logistic loss of every ordered pair with different targets, on predictions over the targets\' deviation', () => {
    const target = [[1, 5], [2, 5], [4, 5.001], [4, 5]];
    const pred = [[0.3, 0], [0.1, 3], [0.9, 1], [2, 1]];
    const floor = 0.02;
    let sum = 0;
    let pairs = 0;
    for (let c = 0; c < 2; c++) {
      const y = target.map((r) => r[c]);
      const my = y.reduce((a, b) => a + b) / y.length;
      const sd = Math.max(floor, Math.sqrt(y.reduce((a, v) => a + (v - my) ** 2, 0) / y.length));
      for (let i = 0; i < y.length; i++) {
        for (let j = 0; j < y.length; j++) {
          if (y[i] === y[j]) continue;
          sum += Math.log1p(Math.exp(-Math.sign(y[i] - y[j]) * (pred[i][c] - pred[j][c]) / sd));
          pairs++;
        }
      }
    }
    const got = tf.tidy(() => pairwiseRankLoss(tf.tensor2d(target), tf.tensor2d(pred), floor).dataSync()[0]);
    expect(got).toBeCloseTo(sum / pairs, 3);
    // Right order by a wide margin costs almost nothing; the reverse order a lot.
    const scaled = (k: number) => target.map((r) => r.map((v) => k * v));
    const right = tf.tidy(() => pairwiseRankLoss(tf.tensor2d(target), tf.tensor2d(scaled(100)), floor).dataSync()[0]);
    const wrong = tf.tidy(() => pairwiseRankLoss(tf.tensor2d(target), tf.tensor2d(scaled(-100)), floor).dataSync()[0]);
    expect(right).toBeLessThan(0.01);
    expect(wrong).toBeGreaterThan(10);
  });
});

describe('within-design rank metrics', () => {
  it('Spearman per design, averaged; a constant prediction orders nothing (0); constant truths are left out', () => {
    const data = writeSyntheticDataset(join(work, 'm'), 3, 5, 3);
    const { designs } = loadRecipeDataset(data);
    const finalOf = (d: number, r: number) => {
      const l = designs[d].runs[r].labels;
      return [l.steps.at(-1)!.nodes, l.steps.at(-1)!.levels, l.area, l.delayPs];
    };
    const runs = [0, 1, 2, 3, 4];
    // Design 0 predicted exactly (Spearman 1), design 1 in reversed order (-1), design 2 constant (0).
    const predictions: RunPrediction[] = [
      ...runs.map((run) => ({ design: 0, run, final: finalOf(0, run) })),
      ...runs.map((run) => ({ design: 1, run, final: finalOf(1, run).map((v) => -v) })),
      ...runs.map((run) => ({ design: 2, run, final: [42, 42, 42, 42] })),
    ];
    const m = scorePredictions(designs, predictions);
    expect(m.withinDesign.designs.nodes).toBe(3);
    expect(m.withinDesign.spearman.nodes).toBeCloseTo(0, 12);
    expect(m.withinDesign.kendall.nodes).toBeCloseTo(0, 12);
    const exact = scorePredictions(designs, predictions.filter((p) => p.design === 0));
    expect(exact.withinDesign.spearman.nodes).toBeCloseTo(1, 12);
    expect(exact.withinDesign.kendall.nodes).toBeCloseTo(1, 12);
  });

  it('the mean-ratio reference predicts one value per design, so it orders nothing', () => {
    const data = writeSyntheticDataset(join(work, 'r'), 6, 10, 4);
    const { designs } = loadRecipeDataset(data);
    const split = makeSplit('case1', designs, 1);
    const m = scorePredictions(designs, meanRatioPredictions(designs, split.train, split.test));
    expect(m.withinDesign.spearman.nodes).toBe(0);
    expect(m.finalMape.nodes).toBeGreaterThan(0);
  });
});

describe('random search odds from measured recipes', () => {
  it('equal an enumeration of every K-subset', () => {
    const v = [5, 3, 3, 8, 1, 9, 4, 3, 7];
    for (const k of [1, 3, 5]) {
      const subsets: number[][] = [];
      const pick = (from: number, chosen: number[]) => {
        if (chosen.length === k) return void subsets.push(chosen.map((i) => v[i]));
        for (let i = from; i < v.length; i++) pick(i + 1, [...chosen, i]);
      };
      pick(0, []);
      for (const x of [0, 3, 4, 10]) {
        const best = subsets.map((s) => Math.min(...s));
        const o = randomSearchOdds(v, k, x);
        expect(o.expectedBest).toBeCloseTo(best.reduce((a, b) => a + b) / best.length, 12);
        expect(o.pBetter).toBeCloseTo(best.filter((b) => x < b).length / best.length, 12);
        expect(o.pTie).toBeCloseTo(best.filter((b) => x === b).length / best.length, 12);
      }
    }
  });
});

describe('training resumes from its epoch checkpoint', () => {
  it('a run stopped after 2 epochs continues to 4 from the saved state, keeping the first epochs\' history', async () => {
    const data = writeSyntheticDataset(join(work, 't'), 5, 12, 4);
    const { designs } = loadRecipeDataset(data);
    const tensors = designs.map((d) => designTensors(d, 8));
    const split = makeSplit('case1', designs, 1);
    const s = { ...defaultSettings, gcn: { dim: 8, layers: 1 }, dim: 8, heads: 2, layers: 1, ffDim: 8, epochs: 2, batchRecipes: 8, recipesPerEpoch: 8, patience: 10, quiet: true };
    const state = join(work, 'state');
    const first = await trainModel('lsoformer', designs, tensors, split.train, split.validation, s, state, 'run');
    expect(first.history.trainLoss).toHaveLength(2);
    const resumed = await trainModel('lsoformer', designs, tensors, split.train, split.validation, { ...s, epochs: 4 }, state, 'run');
    expect(resumed.history.trainLoss).toHaveLength(4);
    expect(resumed.history.trainLoss.slice(0, 2)).toEqual(first.history.trainLoss);
    // Another key (other data or settings) starts afresh.
    const fresh = await trainModel('lsoformer', designs, tensors, split.train, split.validation, s, state, 'other');
    expect(fresh.history.trainLoss).toEqual(first.history.trainLoss);
    [first, resumed, fresh].forEach((m) => m.params.dispose());
  }, 120_000);
});
