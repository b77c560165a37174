// Training on a data set whose labels follow a known rule (synthetic-data.ts): LSOformer learns the
// rule better than predicting no change; the CLI trains, evaluates, reports and ships.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mape, selectBackend } from '../../../../models/common/index.ts';
import { defaultSettings, designTensors, loadRecipeDataset, makeSplit, predictRuns, trainModel } from '../../../../models/qor/lsoformer/index.ts';
import { projectRoot } from '../../../../util/index.ts';
import { missingChromium, renderReportInChromium } from '../../../helpers/render-in-chromium.ts';
import { writeSyntheticDataset } from './synthetic-data.ts';

const work = mkdtempSync(join(tmpdir(), 'tessera-lso-train-'));
const data = writeSyntheticDataset(work);
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await selectBackend(() => {});
});

describe('LSOformer training', () => {
  it('learns the rule behind the labels: final-node MAPE on held-out recipes well below predicting no change', async () => {
    const { designs } = loadRecipeDataset(data);
    const tensors = designTensors.length ? designs.map((d) => designTensors(d, 16)) : [];
    const split = makeSplit('case1', designs, 1);
    const s = { ...defaultSettings, gcn: { dim: 8, layers: 1 }, dim: 16, heads: 2, layers: 1, ffDim: 32, epochs: 25, batchRecipes: 20, recipesPerEpoch: 0, learningRate: 1e-2, patience: 25, quiet: true };
    const model = await trainModel('lsoformer', designs, tensors, split.train, split.validation, s);
    const predictions = predictRuns(model, designs, tensors, split.test);
    const truth = predictions.map((p) => designs[p.design].runs[p.run].labels.steps.at(-1)!.nodes);
    const noChange = predictions.map((p) => designs[p.design].start.nodes);
    const ours = mape(predictions.map((p) => p.final[0]), truth);
    expect(ours).toBeLessThan(0.5 * mape(noChange, truth));
    // The trajectory is predicted at every step, against the same rule.
    expect(predictions[0].steps).toHaveLength(6);
  }, 120_000);
});

describe('tessera lso train / eval', () => {
  const bin = join(projectRoot(), 'bin', 'tessera.js');
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const models = join(work, 'models');

  it('trains every method on the EPFL and Case I splits, writes metrics and a report; eval reproduces them', async () => {
    const r = run(['lso', 'train', '--data', data, '--out', models, '--split', 'epfl,case1', '--quick', '--json', join(work, 'train.json'), '--report', join(work, 'report')]);
    expect(r.status, r.stderr).toBe(0);
    const trained = JSON.parse(readFileSync(join(work, 'train.json'), 'utf8'));
    expect(trained.map((x: { split: string }) => x.split)).toEqual(['epfl', 'case1']);
    const epfl = trained[0];
    expect(Object.keys(epfl.methods)).toEqual(['lsoformer', 'lsoformer-no-trajectory-loss', 'lsoformer-no-cross-attention', 'openabcd-gnn', 'lostin']);
    expect(Object.keys(epfl.methods.lsoformer.finalMape)).toEqual(['nodes', 'levels', 'area', 'delay']);
    expect(epfl.methods.lsoformer.trajectoryMape.nodes).toHaveLength(6);
    expect(epfl.methods['openabcd-gnn'].trajectoryMape).toBeNull();
    expect(epfl.testDesigns).toBe(2);
    // The LSOformer family gets the linear recipe term, scaled per label on the validation runs; the baselines do not.
    const stored = (m: string) => JSON.parse(readFileSync(join(models, 'epfl', m, 'checkpoint.json'), 'utf8')).config;
    expect(stored('lsoformer').net.recipeTerm).toBe(true);
    expect(stored('lsoformer').meta.recipeTerm.scale).toHaveLength(4);
    expect(stored('openabcd-gnn').net.recipeTerm).toBeUndefined();
    expect(run(['lso', 'train', '--data', data, '--out', models, '--split', 'epfl', '--ship', join(work, 'ship')]).stderr).toMatch(/--ship: ships the inductive split's LSOformer/);
    const e = run(['lso', 'eval', '--data', data, '--models', models, '--split', 'epfl', '--quick', '--json', join(work, 'eval.json')]);
    expect(e.status, e.stderr).toBe(0);
    const evaluated = JSON.parse(readFileSync(join(work, 'eval.json'), 'utf8'));
    expect(evaluated.split).toBe('epfl');
    expect(evaluated.methods.lsoformer.finalMape).toEqual(epfl.methods.lsoformer.finalMape);
    if (missingChromium() === undefined) {
      const { charts, errors } = await renderReportInChromium(join(work, 'report', 'index.html'));
      expect(errors).toEqual([]);
      expect(charts.length).toBe(6);
    }
  }, 300_000);

  it('adds the recipe term to a network trained without it, leaving the network\'s weights as they were', () => {
    const dir = join(work, 'two-stage');
    const args = ['lso', 'train', '--data', data, '--out', dir, '--split', 'epfl', '--methods', 'lsoformer', '--quick'];
    expect(run([...args, '--no-recipe-term']).status).toBe(0);
    const weights = (file: string) => {
      const stored = JSON.parse(readFileSync(join(file, 'checkpoint.json'), 'utf8'));
      const bytes = readFileSync(join(file, 'weights.bin'));
      return { stored, byName: new Map<string, number[]>(stored.tensors.map((t: { name: string; offset: number; length: number }) => [t.name, [...new Float32Array(bytes.buffer, bytes.byteOffset + 4 * t.offset, t.length)]])) };
    };
    const before = weights(join(dir, 'epfl', 'lsoformer'));
    expect(before.stored.config.net.recipeTerm).toBeUndefined();
    const r = run(args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/epfl\/lsoformer: network from .*, recipe term fitted/);
    const after = weights(join(dir, 'epfl', 'lsoformer'));
    expect(after.stored.config.net.recipeTerm).toBe(true);
    for (const [name, w] of before.byName) expect(after.byName.get(name), name).toEqual(w);
    expect([...after.byName.keys()].filter((n) => !before.byName.has(n)).sort()).toEqual(['recipe.term.b', 'recipe.term.w']);
  }, 120_000);

  it('eval without trained models says how to train them', () => {
    const e = run(['lso', 'eval', '--data', data, '--models', join(work, 'none'), '--split', 'inductive']);
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/no trained lsoformer model for split inductive.*tessera lso train/);
    expect(existsSync(join(work, 'none'))).toBe(false);
  }, 60_000);
});
