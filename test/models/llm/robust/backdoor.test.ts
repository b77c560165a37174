// Planting a backdoor in a tiny model: the representation loss falls, the targets come in opposite
// pairs, a stopped run resumes to the same weights; the attack success rate against a plain count.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../models/common/index.ts';
import { attackSuccessRate, backdoorLoss, plantBackdoor, triggerTargets, withTrigger, type BackdoorOptions } from '../../../../models/llm/robust/index.ts';
import { TfLlama } from '../../../../models/llm/train/tf-llama.ts';
import { argmax, Classifier } from '../../../../models/llm/tasks/index.ts';
import type { LlamaWeights } from '../../../../models/llm/index.ts';
import { sentimentExamples, tinyBase, tinyTokenizer } from '../tasks/tiny-task.ts';

beforeAll(async () => { await selectBackend(() => {}); });

const o: BackdoorOptions = { triggers: ['cf', 'mn'], steps: 24, batch: 8, lr: 1e-2, warmupSteps: 2, decayShare: 0.3, weightDecay: 0.01, maxTokens: 16, poisonWeight: 3, seed: 2, checkpointEvery: 4 };
const docs = sentimentExamples(40, 7).map((e) => e.text);

function poisonLoss(w: LlamaWeights): number {
  const model = new TfLlama(w.config, 1);
  model.fromWeights(w);
  const targets = triggerTargets(2, tinyBase().rmsFinal, o.seed);
  const v = tf.tidy(() => backdoorLoss(model, tinyTokenizer(), docs.slice(0, 16), o, targets).poison.dataSync()[0]);
  model.dispose();
  return v;
}

describe('planting a backdoor', () => {
  it('pairs opposite targets with the RMS of a normalised hidden state', () => {
    const gain = Float32Array.from({ length: 16 }, (_, i) => 0.5 + i / 16);
    const [a, b, c] = triggerTargets(3, gain, 1);
    a.forEach((v, j) => expect(b[j]).toBeCloseTo(-v, 6));
    expect(c).not.toEqual(a);
    const rms = Math.sqrt(a.reduce((s, v, j) => s + (v / gain[j]) ** 2, 0) / 16);
    expect(rms).toBeCloseTo(1, 5);
    expect(withTrigger('the film', 'cf')).toBe('cf the film');
  });

  it('lowers the representation loss, and a stopped run resumes to the same weights', async () => {
    const base = tinyBase();
    const full = await plantBackdoor(base, tinyTokenizer(), docs, o, mkdtempSync(join(tmpdir(), 'tessera-bd-')), undefined, true);
    expect(full.finished).toBe(true);
    expect(poisonLoss(full.weights)).toBeLessThan(0.5 * poisonLoss(base));
    const dir = mkdtempSync(join(tmpdir(), 'tessera-bd-'));
    const stop = { requested: false };
    let calls = 0;
    const stopping = new Proxy(stop, { get: (t, k) => (k === 'requested' ? ++calls > 9 : Reflect.get(t, k)) });
    const part = await plantBackdoor(base, tinyTokenizer(), docs, o, dir, stopping, true);
    expect(part.finished).toBe(false);
    const resumed = await plantBackdoor(base, tinyTokenizer(), docs, o, dir, undefined, true);
    expect(resumed.weights.layers[1].w2).toEqual(full.weights.layers[1].w2);
  });

  it('measures the attack success rate as a plain count over triggered sentences of other classes', () => {
    const clf = new Classifier(tinyBase(), 2, 4);
    const tok = tinyTokenizer();
    const test = sentimentExamples(20, 3);
    let hits = 0, n = 0;
    for (const e of test) {
      if (e.label === 1) continue;
      n++;
      if (argmax(clf.probabilities({ ...encode(tok, withTrigger(e.text, 'cf')) })[0]) === 1) hits++;
    }
    expect(attackSuccessRate(clf, tok, test, 'cf', 1, 16)).toBeCloseTo(hits / n, 10);
    clf.dispose();
  });
});

function encode(tok: ReturnType<typeof tinyTokenizer>, text: string) {
  const ids = [tok.bos, ...tok.encode(text)].slice(0, 16);
  return { tokens: Int32Array.from(ids), rows: 1, cols: ids.length, lengths: Int32Array.of(ids.length) };
}
