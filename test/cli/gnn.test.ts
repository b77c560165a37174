// `tessera gnn train` and `tessera gnn compare` through the CLI entry point on the tiny disney graph.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { applyThreshold, macroF1, rocAuc } from '../../models/common/index.ts';
import { loadGraphDataset, stratifiedSplit } from '../../models/gnn/index.ts';
import { captureConsole } from '../helpers/console-capture.ts';
import { missingChromium, renderReportInChromium } from '../helpers/render-in-chromium.ts';
import { missingData, missingPython, pythonWith, skipReason } from '../helpers/requirements.ts';

const { out } = captureConsole();
const missing = skipReason(missingData('graphs', 'disney', 'x.f32'));
const dir = mkdtempSync(join(tmpdir(), 'tessera-gnn-'));
const previousCache = process.env.TESSERA_CACHE;

beforeAll(() => {
  process.env.TESSERA_CACHE = join(dir, 'cache');
});
afterAll(() => {
  if (previousCache === undefined) delete process.env.TESSERA_CACHE;
  else process.env.TESSERA_CACHE = previousCache;
});

describe('tessera gnn: flags', () => {
  it('refuses unknown models and data sets, naming the flag and the choices', async () => {
    expect(await main(['gnn', 'train', '--dataset', 'nosuch'])).toBe(1);
    expect(await main(['gnn', 'compare', '--models', 'spacegnn,transformer'])).toBe(1);
    expect(await main(['gnn', 'train', '--dataset', 'disney', '--seeds', '0'])).toBe(1);
  });
});

interface TrainJson {
  auc: { mean: number; std: number };
  runs: { seed: number; threshold: number; test: { auc: number; f1: number }; testScores: number[]; array?: { test: { auc: number }; cost: { cycles: number; energy: { total: number } } } }[];
}

describe.skipIf(missing)('tessera gnn on disney (--quick)', () => {
  const trainJson = join(dir, 'train.json');

  it('gnn train: per-seed table, mean ± std, the array AUC and cost; a rerun comes from the cache', async () => {
    expect(await main(['gnn', 'train', '--model', 'spacegnn', '--dataset', 'disney', '--seeds', '2', '--quick', '--workers', '1', '--json', trainJson])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('mean ± std over 2 seeds');
    expect(text).toContain('array AUC');
    const json = JSON.parse(readFileSync(trainJson, 'utf8')) as TrainJson;
    expect(json.runs.map((r) => r.seed)).toEqual([1, 2]);
    for (const r of json.runs) {
      expect(r.array!.cost.cycles).toBeGreaterThan(0);
      expect(r.array!.cost.energy.total).toBeGreaterThan(0);
    }
    const again = join(dir, 'train-again.json');
    expect(await main(['gnn', 'train', '--model', 'spacegnn', '--dataset', 'disney', '--seeds', '2', '--quick', '--workers', '1', '--json', again])).toBe(0);
    expect(JSON.parse(readFileSync(again, 'utf8')).runs).toEqual(json.runs);
  });

  it('gnn train --out writes a checkpoint that gnn score reloads with the recorded test AUC and F1', async () => {
    const ckpt = join(dir, 'ckpt');
    expect(await main(['gnn', 'train', '--model', 'gcn', '--dataset', 'disney', '--seeds', '1', '--seed', '3', '--quick', '--workers', '1', '--array', 'none', '--out', ckpt])).toBe(0);
    const scores = join(dir, 'scores.json');
    expect(await main(['gnn', 'score', '--checkpoint', join(ckpt, 'seed-3'), '--array', 'none', '--json', scores])).toBe(0);
    const json = JSON.parse(readFileSync(scores, 'utf8'));
    expect(json.test.auc).toBeCloseTo(json.checkpoint.test.auc, 12);
    expect(json.test.f1).toBeCloseTo(json.checkpoint.test.f1, 12);
    expect(json.nodes.length).toBe(124);
    expect(json.nodes.filter((n: { set: string }) => n.set === 'train').length).toBe(50);
    expect(await main(['gnn', 'score', '--checkpoint', join(dir, 'nothing-here')])).toBe(1);
  });

  const sklearnMissing = missingPython('sklearn', 'numpy');
  it.skipIf(sklearnMissing)(`its saved test predictions give the same AUC and macro-F1 in scikit-learn${sklearnMissing ? ` (skipped: ${sklearnMissing})` : ''}`, () => {
    const json = JSON.parse(readFileSync(trainJson, 'utf8')) as TrainJson;
    const labels = loadGraphDataset('disney').labels;
    const cases = json.runs.map((r) => {
      const test = stratifiedSplit(labels, r.seed).test;
      return { scores: r.testScores, labels: Array.from(test, (i) => labels[i]), threshold: r.threshold, reported: r.test };
    });
    const script = `import json, sys, numpy as np
from sklearn.metrics import roc_auc_score, f1_score
out = []
for c in json.load(sys.stdin):
    s, y = np.array(c["scores"]), np.array(c["labels"])
    out.append([roc_auc_score(y, s), f1_score(y, (s > c["threshold"]).astype(int), average="macro", zero_division=0)])
print(json.dumps(out))`;
    const r = spawnSync(pythonWith('sklearn', 'numpy')!, ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
    const reference = JSON.parse(r.stdout) as number[][];
    cases.forEach((c, i) => {
      expect(c.reported.auc).toBeCloseTo(reference[i][0], 12);
      expect(c.reported.f1).toBeCloseTo(reference[i][1], 12);
      expect(rocAuc(c.scores, c.labels)).toBeCloseTo(reference[i][0], 12);
      expect(macroF1(applyThreshold(c.scores, c.threshold), c.labels)).toBeCloseTo(reference[i][1], 12);
    });
  });

  it('gnn compare: JSON { dataset: { model: { auc: {mean, std}, f1: {mean, std} } } }, targets, a report that renders', async () => {
    const json = join(dir, 'compare.json');
    const report = join(dir, 'report');
    expect(await main(['gnn', 'compare', '--datasets', 'disney', '--models', 'spacegnn,mlp,gcn,sage,bwgnn', '--seeds', '2', '--quick', '--workers', '2', '--array', 'none', '--json', json, '--report', report])).toBe(0);
    const summary = JSON.parse(readFileSync(json, 'utf8'));
    for (const m of ['spacegnn', 'mlp', 'gcn', 'sage', 'bwgnn']) {
      for (const metric of ['auc', 'f1']) {
        expect(summary.disney[m][metric].mean).toBeGreaterThanOrEqual(0);
        expect(summary.disney[m][metric].std).toBeGreaterThanOrEqual(0);
      }
    }
    expect(out.join('\n')).toMatch(/best baseline by mean AUC: \w+/);
    const partial = join(dir, 'partial.json');
    expect(await main(['gnn', 'compare', '--datasets', 'disney', '--models', 'spacegnn,mlp', '--seeds', '4', '--quick', '--array', 'none', '--cached-only', '--json', partial])).toBe(0);
    const cached = JSON.parse(readFileSync(partial, 'utf8'));
    expect(cached.disney.spacegnn.seeds).toEqual([1, 2]);
    expect(cached.disney.spacegnn.auc).toEqual(summary.disney.spacegnn.auc);
    expect(await main(['gnn', 'compare', '--datasets', 'disney', '--models', 'gcn', '--seeds', '1', '--seed', '50', '--quick', '--array', 'none', '--cached-only'])).toBe(1);
    const chromiumMissing = missingChromium();
    if (chromiumMissing) return;
    const { charts, errors } = await renderReportInChromium(join(report, 'report.html'));
    expect(errors).toEqual([]);
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const c of charts) expect(c.svgCount, c.title).toBeGreaterThan(0);
  });
});
