import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../models/common/index.ts';
import { certifySentences, frequentWords } from '../../../../models/llm/robust/index.ts';
import { argmax, Classifier, finetuneTask, predictTexts, type FinetuneOptions } from '../../../../models/llm/tasks/index.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyBase, tinyTask, tinyTokenizer } from '../tasks/tiny-task.ts';

beforeAll(async () => { await selectBackend(() => {}); });

const options: FinetuneOptions = { steps: 20, batch: 16, lr: 3e-3, warmupSteps: 2, decayShare: 0.3, weightDecay: 0.01, maxTokens: 16, seed: 3, weightNoise: 0, checkpointEvery: 100, trainBlocks: 2 };

describe('certifying a tiny sentiment classifier', () => {
  it('gives certified accuracy that falls with the radius, starting at the smoothed accuracy', async () => {
    const tok = tinyTokenizer(), task = tinyTask();
    const r = await finetuneTask(tinyBase(), tok, [task], options, mkdtempSync(join(tmpdir(), 'tessera-cert-')), undefined, true);
    const clf = new Classifier(r.weights, 2, 1, r.head);
    for (const method of ['ranmask', 'frs', 'random-edit'] as const) {
      const c = certifySentences(clf, tok, task.test.slice(0, 6), { method, rate: 0.3, targetedRate: 0.6, targeted: 1, n0: 5, samples: 40, alpha: 0.05, fuzzIterations: 10, maxTokens: 16, seed: 1, substitutes: frequentWords(task.train.map((e) => e.text), 5) });
      expect(c.sentences).toHaveLength(6);
      // Clean accuracy is the vote's; certification at radius 0 drops the abstentions (a certified prediction is the vote).
      expect(c.cleanAccuracy).toBe(c.sentences.filter((s) => s.vote === s.label).length / 6);
      expect(c.certified[0].accuracy).toBe(c.sentences.filter((s) => s.prediction === s.label).length / 6);
      expect(c.certifiedEdit[0].accuracy).toBe(c.certified[0].accuracy);
      expect(c.abstentions).toBe(c.sentences.filter((s) => s.radius < 0).length);
      for (const s of c.sentences) if (s.prediction >= 0) expect(s.prediction).toBe(s.vote);
      for (let i = 1; i < c.certified.length; i++) expect(c.certified[i].accuracy).toBeLessThanOrEqual(c.certified[i - 1].accuracy);
      for (const s of c.sentences) expect(s.radius).toBeLessThanOrEqual(s.words);
      expect(c.forwardPassesPerSentence).toBe(method === 'frs' ? 56 : 46);
    }
    // Weight noise at inference: sigma 0 changes nothing; the model's own weights come back afterwards.
    const o = { method: 'frs', rate: 0.3, targetedRate: 0.6, targeted: 1, n0: 5, samples: 40, alpha: 0.05, fuzzIterations: 10, maxTokens: 16, seed: 1 } as const;
    const before = clf.model.toWeights();
    const plain = certifySentences(clf, tok, task.test.slice(0, 4), o);
    expect(certifySentences(clf, tok, task.test.slice(0, 4), { ...o, noise: { sigma: 0, models: 3, blocks: 1 } }).sentences).toEqual(plain.sentences);
    const noisy = certifySentences(clf, tok, task.test.slice(0, 4), { ...o, noise: { sigma: 0.05, models: 3, blocks: 1 } });
    expect(noisy.sentences).toHaveLength(4);
    expect(clf.model.toWeights().layers[1].wq).toEqual(before.layers[1].wq);
    // A logit shift is a class-prior correction of the base classifier: its plain predictions are the
    // argmax of the unshifted log-probabilities plus the shift, and the head comes back afterwards.
    const sentences = task.test.slice(0, 8);
    const logp = predictTexts(clf, tok, sentences.map((e) => e.text), 16).map((p) => Array.from(p, Math.log));
    const headBefore = clf.head();
    for (const shift of [[0, 0.4], [0.4, 0], [0, -2]]) {
      const shifted = certifySentences(clf, tok, sentences, { ...o, method: 'ranmask', logitShift: shift });
      expect(shifted.sentences.map((s) => s.plainPrediction)).toEqual(logp.map((l) => argmax(l.map((v, c) => v + shift[c]))));
      expect(clf.head()).toEqual(headBefore);
    }
    // A shift large enough makes every copy, and so every vote, the shifted class.
    expect(certifySentences(clf, tok, sentences, { ...o, method: 'ranmask', logitShift: [0, 50] }).sentences.every((s) => s.vote === 1 && s.pALower > 0.9)).toBe(true);
    clf.dispose();
  });
});
