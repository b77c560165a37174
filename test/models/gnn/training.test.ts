import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../models/common/index.ts';
import { type GnnSettings, SpaceGnn, defaultSettings, loadGraphDataset, modelFeatures, runOnce, stratifiedSplit, trainAndEvaluate } from '../../../models/gnn/index.ts';
import { missingData } from '../../../util/index.ts';

const missing = missingData('graphs', 'disney', 'x.f32') ?? missingData('graphs', 'books', 'x.f32');

/** Seconds of training: small widths, few epochs. */
const tiny: GnnSettings = {
  spacegnn: { ...defaultSettings.spacegnn, hidden: 8, layers: 2, epochs: 6, learningRate: 1e-2 },
  baseline: { ...defaultSettings.baseline, hidden: 16, epochs: 8 },
};

beforeAll(async () => {
  await selectBackend(() => {});
});

describe.skipIf(missing)(`training on the small PyGOD graphs${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('SpaceGNN on disney: the loss decreases, the same seed gives the same run, another seed another', async () => {
    const g = loadGraphDataset('disney');
    const a = await runOnce(g, 'spacegnn', tiny, 5);
    const b = await runOnce(g, 'spacegnn', tiny, 5);
    const c = await runOnce(g, 'spacegnn', tiny, 6);
    [a, b, c].forEach((r) => r.model.dispose());
    const loss = a.result.trainLoss;
    expect(loss[loss.length - 1]).toBeLessThan(loss[0]);
    expect(b.result.trainLoss).toEqual(loss);
    expect(b.result.test).toEqual(a.result.test);
    expect(c.result.trainLoss).not.toEqual(loss);
    expect(a.result.split).toMatchObject({ train: 50, validation: 50, test: 24, trainAnomalies: 2, validationAnomalies: 2 });
    expect(a.result.test.auc).toBeGreaterThanOrEqual(0);
    expect(a.result.test.auc).toBeLessThanOrEqual(1);
  });

  it('curvature keeps its sign through training, even with a large learning rate', async () => {
    const g = loadGraphDataset('books');
    const model = new SpaceGnn(g.adjacency, modelFeatures(g), g.numFeatures, { ...tiny.spacegnn, spaces: ['hyperbolic', 'spherical', 'euclidean'], distanceWeights: true }, 2);
    const before = model.describe();
    const outcome = await trainAndEvaluate(model, g.labels, stratifiedSplit(g.labels, 2), { optimizer: { epochs: 6, learningRate: 0.5 }, seed: 2, quiet: true });
    const after = outcome.learned;
    expect(after['curvature.hyperbolic']).not.toEqual(before['curvature.hyperbolic']);
    for (const k of after['curvature.hyperbolic']) expect(k).toBeLessThan(0);
    for (const k of after['curvature.spherical']) expect(k).toBeGreaterThan(0);
    model.dispose();
  });

  it('every baseline and ablation trains on books and scores every test node', async () => {
    const g = loadGraphDataset('books');
    for (const kind of ['mlp', 'gcn', 'sage', 'bwgnn', 'spacegnn-euclidean', 'spacegnn-no-weights'] as const) {
      const { result, model } = await runOnce(g, kind, { ...tiny, spacegnn: { ...tiny.spacegnn, epochs: 3 }, baseline: { ...tiny.baseline, epochs: 3 } }, 1);
      model.dispose();
      expect(result.split.test).toBe(g.numNodes - 100);
      expect(Number.isFinite(result.test.auc) && Number.isFinite(result.test.f1)).toBe(true);
      expect(result.trainLoss.every(Number.isFinite)).toBe(true);
    }
  });
});
