import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../models/common/index.ts';
import { firstChangedBlock, PrefixEvaluator, runMergeExperiment, tensorsOf, withTensors, type MergeExperiment } from '../../../../models/llm/merge/index.ts';
import { accuracy, Classifier, finetuneTask, type FinetuneOptions, type TaskData, type TaskModel } from '../../../../models/llm/tasks/index.ts';
import { mergeReport } from '../../../../cli/commands/merge-report.ts';
import { renderReport } from '../../../../cli/report/html-report.ts';
import { missingChromium, renderReportInChromium } from '../../../helpers/render-in-chromium.ts';
import { sentimentExamples, tinyBase, tinyTokenizer } from '../tasks/tiny-task.ts';

const options: FinetuneOptions = { steps: 12, batch: 16, lr: 3e-3, warmupSteps: 2, decayShare: 0.3, weightDecay: 0.01, maxTokens: 16, seed: 3, weightNoise: 0, checkpointEvery: 100, trainBlocks: 1 };
const tok = tinyTokenizer(), base = tinyBase();
/** Task "sst2": sentiment; task "style": the same sentences, label = whether they start with "the film". */
const sentiment: TaskData = { name: 'sst2', labels: ['negative', 'positive'], train: sentimentExamples(64, 1), dev: sentimentExamples(16, 2), test: sentimentExamples(16, 3) };
const flip = (ex: { text: string; label: number }[]) => ex.map((e, i) => (i % 2 ? { text: e.text.replace('the film', 'a book'), label: 0 } : { text: e.text, label: 1 }));
const style: TaskData = { name: 'style', labels: ['book', 'film'], train: flip(sentimentExamples(64, 4)), dev: flip(sentimentExamples(16, 5)), test: flip(sentimentExamples(16, 6)) };
let models: TaskModel[];
let experiment: MergeExperiment;

beforeAll(async () => {
  await selectBackend(() => {});
  models = [];
  for (const t of [sentiment, style]) {
    const r = await finetuneTask(base, tok, [t], options, mkdtempSync(join(tmpdir(), 'tessera-merge-')), undefined, true);
    models.push({ dir: t.name, task: t.name, labels: t.labels, maxTokens: 16, metrics: {}, provenance: {}, weights: r.weights, tokenizer: tok, head: r.head });
  }
  experiment = await runMergeExperiment({ base, tokenizer: tok, models, tasks: [sentiment, style] }, ['task-arithmetic', 'ties', 'dare', 'lore'], () => {});
}, 120_000);

describe('the merging experiment on two tiny task models', () => {
  it('evaluates from the shared residual stream exactly as a full forward pass does', () => {
    expect(firstChangedBlock([base, ...models.map((m) => m.weights)])).toBe(1);
    const ev = new PrefixEvaluator(base, 1, tok, 16);
    ev.addSet('test', sentiment.test);
    const clf = new Classifier(models[0].weights, 2, 1, models[0].head);
    expect(ev.accuracy(models[0].weights, models[0].head, 'test')).toBe(accuracy(clf, tok, sentiment.test, 16));
    clf.dispose();
    ev.dispose();
  });

  it('shares nothing when the embedding differs (whole-model fine-tunes), and still matches a full forward pass', () => {
    const emb = tensorsOf(models[0].weights).find((t) => t.info.name === 'tok_embeddings')!;
    const changed = withTensors(models[0].weights, new Map([['tok_embeddings', Float32Array.from(emb.data, (v, i) => v + (i % 7 === 0 ? 0.3 : 0))]]));
    expect(firstChangedBlock([base, changed])).toBe(-1);
    const ev = new PrefixEvaluator(base, -1, tok, 16);
    ev.addSet('test', sentiment.test);
    const clf = new Classifier(changed, 2, 1, models[0].head);
    expect(ev.accuracy(changed, models[0].head, 'test')).toBe(accuracy(clf, tok, sentiment.test, 16));
    clf.dispose();
    ev.dispose();
  });

  it('reports every method with its dev-chosen parameters, accuracy per task, average and normalised average', () => {
    expect(experiment.methods.map((m) => m.method)).toEqual(['task-arithmetic', 'ties', 'dare', 'lore']);
    for (const m of experiment.methods) {
      expect(Object.keys(m.accuracy)).toEqual(['sst2', 'style']);
      expect(m.average).toBeCloseTo((m.accuracy.sst2 + m.accuracy.style) / 2, 12);
      expect(m.normalizedAverage).toBeCloseTo((m.accuracy.sst2 / experiment.individual.sst2 + m.accuracy.style / experiment.individual.style) / 2, 12);
      // The dev choice is the first grid point within a rounding error of the best dev average.
      const top = Math.max(...m.grid.map((g) => g.devAverage));
      expect(m.params).toEqual(m.grid.find((g) => g.devAverage >= top - 1e-9)!.params);
      expect(m.standardError).toBeGreaterThanOrEqual(0);
    }
    const loreAverage = experiment.methods[3].average;
    for (const m of experiment.methods.slice(0, 3)) expect(m.loreMinusThis!.value).toBeCloseTo(loreAverage - m.average, 12);
    expect(experiment.methods[3].loreMinusThis).toBeUndefined();
    const lore = experiment.methods[3].lore!;
    for (let i = 1; i < lore.objective.length; i++) expect(lore.objective[i]).toBeLessThanOrEqual(lore.objective[i - 1] * (1 + 1e-9));
    expect(experiment.spectra.map((s) => s.task)).toEqual(['sst2', 'style']);
    expect(experiment.spectra[0].matrices.every((m) => m.name.startsWith('layers.1.'))).toBe(true);
  });

  it.skipIf(missingChromium())('writes a report whose charts render', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tessera-merge-report-')), 'index.html');
    writeFileSync(file, renderReport('merge', mergeReport(experiment)));
    const { charts, errors } = await renderReportInChromium(file);
    expect(errors).toEqual([]);
    expect(charts.map((c) => c.title)).toEqual(['Test accuracy by task', 'LoRE objective by coordinate-descent iteration (chosen mu)', 'sst2', 'style']);
    for (const c of charts) expect(c.svgCount).toBeGreaterThan(0);
  }, 120_000);
});
