// Label-word scoring: the class logits are the inference engine's own next-token logits of the
// label words after the prompt (an independent forward pass in plain TypeScript), and fine-tuning
// with them learns a separable task and writes a model that reads back with them.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../models/common/index.ts';
import { ReferenceBackend } from '../../../../models/common/gemm/index.ts';
import { LlamaModel, writeTokenizer } from '../../../../models/llm/index.ts';
import { accuracy, Classifier, finetuneTask, labelScoring, readTaskModel, taskClassifier, writeTaskModel, type FinetuneOptions } from '../../../../models/llm/tasks/index.ts';
import { tinyBase, tinyTask, tinyTokenizer } from './tiny-task.ts';

beforeAll(async () => { await selectBackend(() => {}); });

const words = { prompt: ' the', words: ['bad', 'good'] };

describe('label-word scoring', () => {
  it('gives the engine\'s next-token logits of the label words after the prompt, at each row\'s last token', () => {
    const tok = tinyTokenizer(), base = tinyBase();
    const scoring = labelScoring(tok, words);
    expect(scoring.tokens[0]).not.toBe(scoring.tokens[1]);
    const clf = new Classifier(base, 2, 1, undefined, scoring);
    const texts = ['the film was good fun', 'dull'];
    const b = clf.encode(tok, texts, 32);
    const ours = tf.tidy(() => clf.logits(b).arraySync() as number[][]);
    const engine = new LlamaModel(base, new ReferenceBackend());
    texts.forEach((t, i) => {
      const ids = [tok.bos, ...tok.encode(t), ...scoring.suffix];
      expect(Array.from(b.tokens.subarray(i * b.cols, i * b.cols + b.lengths[i]))).toEqual(ids);
      const logits = engine.forward(ids, engine.newCache('fp32'), { logits: 'last' });
      scoring.tokens.forEach((w, c) => expect(ours[i][c]).toBeCloseTo(logits[w], 3));
    });
    // A long text is cut so that the prompt still follows it.
    const long = clf.encode(tok, ['the film was good fun the film was good fun the film was good fun'], 10);
    expect(Array.from(long.tokens.subarray(10 - scoring.suffix.length, 10))).toEqual(scoring.suffix);
    clf.dispose();
  });

  it('fine-tunes a separable task and writes a model that reads back with its label words', async () => {
    const tok = tinyTokenizer(), task = tinyTask();
    const o: FinetuneOptions = { steps: 30, batch: 16, lr: 3e-3, warmupSteps: 3, decayShare: 0.3, weightDecay: 0.01, maxTokens: 16, seed: 3, weightNoise: 0, checkpointEvery: 50, trainBlocks: 2, labelWords: words };
    const r = await finetuneTask(tinyBase(), tok, [task], o, mkdtempSync(join(tmpdir(), 'tessera-lw-')), undefined, true);
    expect(r.devAccuracy.sst2).toBeGreaterThanOrEqual(0.9);
    const dir = mkdtempSync(join(tmpdir(), 'tessera-lw-'));
    const tokFile = join(dir, 'tok.json');
    writeTokenizer(tokFile, tok);
    writeTaskModel(dir, r.weights, tok, tokFile, r.head, { task: 'sst2', labels: task.labels, maxTokens: 16, metrics: {}, provenance: {}, labelWords: words });
    const m = readTaskModel(dir);
    expect(m.labelWords).toEqual(words);
    const clf = taskClassifier(m);
    expect(accuracy(clf, tok, task.test, 16)).toBeGreaterThanOrEqual(0.9);
    clf.dispose();
  });
});
