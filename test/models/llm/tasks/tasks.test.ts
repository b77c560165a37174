import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../models/common/index.ts';
import { writeTokenizer } from '../../../../models/llm/index.ts';
import { accuracy, batchExamples, Classifier, classOffsets, encodeTexts, finetuneTask, freshHeldOut, loadTask, maskWords, passages, readTaskModel, writeTaskModel, type FinetuneOptions } from '../../../../models/llm/tasks/index.ts';
import { tinyBase, tinyDataFolder, tinyTask, tinyTokenizer } from './tiny-task.ts';

beforeAll(async () => { await selectBackend(() => {}); });

const options: FinetuneOptions = { steps: 30, batch: 16, lr: 3e-3, warmupSteps: 3, decayShare: 0.3, weightDecay: 0.01, maxTokens: 16, seed: 3, weightNoise: 0, checkpointEvery: 5, trainBlocks: 2 };
const tmp = () => mkdtempSync(join(tmpdir(), 'tessera-ft-'));

describe('task data', () => {
  it('reads the splits and labels of every task from a data folder', () => {
    const root = tinyDataFolder();
    const sst = loadTask('sst2', root);
    expect([sst.train.length, sst.dev.length, sst.test.length]).toEqual([20, 6, 6]);
    expect(sst.train.every((e) => e.label === 0 || e.label === 1)).toBe(true);
    const ag = loadTask('agnews', root);
    expect(ag.train.length + ag.dev.length).toBe(40);
    expect(ag.train.some((e) => ag.dev.some((d) => d.text === e.text))).toBe(false);
    expect(new Set(ag.train.map((e) => e.label))).toEqual(new Set([0, 1, 2, 3]));
    const style = loadTask('style', root);
    const all = [...style.train, ...style.dev, ...style.test];
    expect(all.filter((e) => e.label === 0).length).toBe(all.filter((e) => e.label === 1).length);
    expect(all.some((e) => e.text.includes('ROMEO'))).toBe(false);
  });

  it('takes larger dev and test samples as extensions of the default ones (each smaller sample a prefix)', () => {
    const root = tinyDataFolder();
    for (const name of ['sst2', 'agnews'] as const) {
      const small = loadTask(name, root, { dev: 3, test: 2 }), large = loadTask(name, root, { dev: 5, test: 4 }), whole = loadTask(name, root, { dev: 1000, test: 1000 });
      expect(large.dev.slice(0, 3)).toEqual(small.dev);
      expect(large.test.slice(0, 2)).toEqual(small.test);
      expect(whole.test.length).toBeGreaterThan(large.test.length);
      expect(small.train).toEqual(whole.train);
    }
  });

  it('takes fresh held-out examples past the earlier samples of a split, leaving out texts seen anywhere', () => {
    const root = tinyDataFolder();
    const earlier = { dev: 2, test: 2 };
    for (const [name, split] of [['sst2', 'dev'], ['agnews', 'test']] as const) {
      const all = loadTask(name, root, { dev: 1000, test: 1000 });
      const seen = new Set([...all.train, ...all.dev.slice(0, 2), ...all.test.slice(0, 2)].map((e) => e.text));
      const expected = all[split].slice(2).filter((e) => !seen.has(e.text));
      expect(expected.length).toBeGreaterThan(0);
      expect(freshHeldOut(name, root, 1000, split, earlier)).toEqual(expected);
      expect(freshHeldOut(name, root, 2, split, earlier)).toEqual(expected.slice(0, 2));
      // The earlier samples are the prefixes of the same shuffles.
      expect(loadTask(name, root, earlier)[split]).toEqual(all[split].slice(0, 2));
    }
  });

  it('cuts text into 20-word passages, keeping a last half passage and dropping speaker lines', () => {
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`);
    expect(passages(`KING HENRY:\n${words.join(' ')}`)).toEqual([words.slice(0, 20).join(' '), words.slice(20, 40).join(' '), words.slice(40).join(' ')]);
    expect(passages('a b c')).toEqual([]);
  });
});

describe('classifier', () => {
  it('gives a padded row the logits it has alone (causal model, pooling over real tokens)', () => {
    const tok = tinyTokenizer();
    const clf = new Classifier(tinyBase(), 2, 1);
    const both = encodeTexts(tok, ['the film was good', 'bad'], 16);
    expect(both.cols).toBeGreaterThan(both.lengths[1]);
    const alone = tf.tidy(() => clf.logits(encodeTexts(tok, ['bad'], 16)).dataSync());
    const padded = tf.tidy(() => clf.logits(both).dataSync());
    expect(padded[2]).toBeCloseTo(alone[0], 4);
    expect(padded[3]).toBeCloseTo(alone[1], 4);
    clf.dispose();
  });

  it('multi-task loss is each row\'s cross-entropy over its own task\'s classes', () => {
    const tok = tinyTokenizer();
    const clf = new Classifier(tinyBase(), 5, 2);
    const b = encodeTexts(tok, ['good fun', 'awful'], 16);
    const logits = tf.tidy(() => clf.logits(b).arraySync() as number[][]);
    const ce = (row: number[], from: number, to: number, label: number) => {
      const z = row.slice(from, to), m = Math.max(...z);
      return Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0)) + m - z[label - from];
    };
    const expected = (ce(logits[0], 0, 2, 1) + ce(logits[1], 2, 5, 4)) / 2;
    const loss = tf.tidy(() => clf.loss(b, Int32Array.of(1, 4), [[0, 2], [2, 5]]).dataSync()[0]);
    expect(loss).toBeCloseTo(expected, 4);
    expect(classOffsets([{ labels: ['a', 'b'] }, { labels: ['c', 'd', 'e'] }])).toEqual([0, 2, 5]);
    clf.dispose();
  });

  it('draws the same batch for the same (seed, step), tasks uniformly', () => {
    const tasks = [tinyTask(1), tinyTask(2)];
    expect(batchExamples(tasks, 8, 1, 4)).toEqual(batchExamples(tasks, 8, 1, 4));
    expect(batchExamples(tasks, 8, 1, 4)).not.toEqual(batchExamples(tasks, 8, 1, 5));
    expect(new Set(batchExamples(tasks, 64, 1, 0).map((e) => e.task))).toEqual(new Set([0, 1]));
  });

  it('masks training words independently at the rate, the same for the same (seed, step)', () => {
    const words = Array.from({ length: 4000 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    expect(maskWords([text, 'a b'], 0, 1, 0)).toEqual([text, 'a b']);
    const [kept] = maskWords([text], 0.7, 1, 3);
    expect(maskWords([text], 0.7, 1, 3)).toEqual([kept]);
    expect(maskWords([text], 0.7, 1, 4)).not.toEqual([kept]);
    const left = kept.split(' ');
    // Kept words stay in order; their share is 0.3 within 4 standard deviations (0.029).
    expect(left.every((w, i) => i === 0 || Number(w.slice(1)) > Number(left[i - 1].slice(1)))).toBe(true);
    expect(Math.abs(left.length / words.length - 0.3)).toBeLessThan(0.029);
  });
});

describe('fine-tuning', () => {
  it('learns a separable task, and a stopped run resumes to the same weights', async () => {
    const tok = tinyTokenizer(), base = tinyBase(), task = tinyTask();
    const full = await finetuneTask(base, tok, [task], options, tmp(), undefined, true);
    expect(full.finished).toBe(true);
    expect(full.devAccuracy.sst2).toBeGreaterThanOrEqual(0.9);
    const clf = new Classifier(full.weights, 2, 1, full.head);
    expect(accuracy(clf, tok, task.test, 16)).toBeGreaterThanOrEqual(0.9);
    clf.dispose();

    const dir = tmp();
    let checks = 0;
    const stop = { get requested() { return ++checks > 12; } };
    const first = await finetuneTask(base, tok, [task], options, dir, stop, true);
    expect(first.finished).toBe(false);
    expect(first.steps).toBe(12);
    const resumed = await finetuneTask(base, tok, [task], options, dir, undefined, true);
    expect(resumed.steps).toBe(30);
    expect(Array.from(resumed.weights.layers[1].w2)).toEqual(Array.from(full.weights.layers[1].w2));
    expect(Array.from(resumed.head.weight)).toEqual(Array.from(full.head.weight));
  });

  it('with --train-blocks 1 leaves the embedding and the lower block as the base has them', async () => {
    const tok = tinyTokenizer(), base = tinyBase(), task = tinyTask();
    const r = await finetuneTask(base, tok, [task], { ...options, steps: 4, trainBlocks: 1 }, tmp(), undefined, true);
    expect(Array.from(r.weights.tokenEmbedding)).toEqual(Array.from(base.tokenEmbedding));
    expect(Array.from(r.weights.layers[0].w1)).toEqual(Array.from(base.layers[0].w1));
    expect(Array.from(r.weights.layers[1].w1)).not.toEqual(Array.from(base.layers[1].w1));
  });

  it('with LoRA changes the backbone only through the adapters, and writes a task model that reads back', async () => {
    const tok = tinyTokenizer(), base = tinyBase(), task = tinyTask();
    const r = await finetuneTask(base, tok, [task], { ...options, steps: 10, trainBlocks: 1, lora: { rank: 2, alpha: 4 } }, tmp(), undefined, true);
    expect(Array.from(r.weights.tokenEmbedding)).toEqual(Array.from(base.tokenEmbedding));
    expect(Array.from(r.weights.layers[0].wq)).toEqual(Array.from(base.layers[0].wq));
    expect(Array.from(r.weights.layers[1].wq)).not.toEqual(Array.from(base.layers[1].wq));
    const dir = tmp();
    const tokFile = join(dir, 'tok.json');
    writeTokenizer(tokFile, tok);
    writeTaskModel(join(dir, 'm'), r.weights, tok, tokFile, r.head, { task: 'sst2', labels: task.labels, maxTokens: 16, metrics: { x: 1 }, provenance: {} });
    const back = readTaskModel(join(dir, 'm'));
    expect(back.task).toBe('sst2');
    expect(Array.from(back.weights.layers[1].wq)).toEqual(Array.from(r.weights.layers[1].wq));
    expect(Array.from(back.head.bias)).toEqual(Array.from(r.head.bias));
  });
});
