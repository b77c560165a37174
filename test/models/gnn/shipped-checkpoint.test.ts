// The SpaceGNN checkpoint shipped in models/gnn/checkpoint: its record agrees with metrics.json beside
// it, and, with the data present, the rebuilt model scores the validation nodes of its split exactly
// as training recorded (AUC and macro-F1 at the stored threshold).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyThreshold, loadCheckpoint, macroF1, rocAuc, selectBackend } from '../../../models/common/index.ts';
import {
  type GnnCheckpointConfig, graphDataHash, loadGnnCheckpoint, loadGraphDataset, mixScores, shippedGnnCheckpointDir, stratifiedSplit,
} from '../../../models/gnn/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';

interface ShippedMetrics {
  dataHash: string;
  seed: number;
  test: { auc: number; f1: number };
  validation: { auc: number; f1: number };
}

const dir = shippedGnnCheckpointDir();
const metrics = () => JSON.parse(readFileSync(join(dir, '..', 'metrics.json'), 'utf8')) as ShippedMetrics;

beforeAll(async () => {
  await selectBackend(() => {});
});

describe('the shipped SpaceGNN checkpoint', () => {
  it('is a tolokers SpaceGNN whose record matches metrics.json, a few MB at most', () => {
    const { config, weights } = loadCheckpoint<GnnCheckpointConfig>(dir);
    expect(config.format).toBe('tessera-gnn-1');
    expect(config.model).toBe('spacegnn');
    expect(config.dataset).toBe('tolokers');
    const m = metrics();
    expect(config.dataHash).toBe(m.dataHash);
    expect(config.seed).toBe(m.seed);
    expect(config.test).toEqual(m.test);
    const floats = [...weights.values()].reduce((s, w) => s + w.data.length, 0);
    expect(floats * 4).toBeLessThan(4e6);
  });

  const missing = skipReason(missingData('graphs', 'tolokers', 'x.f32'));
  it.skipIf(missing)('rebuilt over tolokers, scores its 50 validation nodes as training recorded', () => {
    const m = metrics();
    expect(graphDataHash('tolokers')).toBe(m.dataHash);
    const { config, model, graph } = loadGnnCheckpoint(dir, (name) => loadGraphDataset(name));
    try {
      const validation = stratifiedSplit(graph.labels, config.seed).validation;
      const mix = model.mixes.find((x) => x.name === config.mix)!;
      const scores = mixScores(model.predict(validation), mix);
      const labels = Uint8Array.from(validation, (i) => graph.labels[i]);
      expect(rocAuc(scores, labels)).toBeCloseTo(m.validation.auc, 12);
      expect(macroF1(applyThreshold(scores, config.threshold), labels)).toBeCloseTo(m.validation.f1, 12);
    } finally {
      model.dispose();
    }
  });
});
