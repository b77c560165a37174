import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../models/common/index.ts';
import { ReferenceBackend } from '../../../models/common/gemm/index.ts';
import {
  learningRate, LlamaModel, readCheckpoint, readDocuments, readTokenizer, sampleBatch, splitDocuments, TfLlama, tokenStream, trainLlm, type LlamaConfig, type TrainOptions,
} from '../../../models/llm/index.ts';
import { relativeMaxError } from './numpy-reference.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-train-'));
beforeAll(async () => { await selectBackend(() => {}); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 2, heads: 4, kvHeads: 2, vocab: 40, seqLen: 16, tiedClassifier: true };

/** Logits of the tfjs graph, [T, vocab], for one sequence. */
function tfLogits(m: TfLlama, ids: number[]): Float32Array {
  return tf.tidy(() => m.logits(tf.tensor2d(Int32Array.from(ids), [1, ids.length], 'int32'))).dataSync() as Float32Array;
}

describe('the tfjs training graph and the inference engine', () => {
  const ids = [1, 5, 9, 33, 2, 17, 8, 8, 30, 12, 4];

  it('compute the same logits from the same weights (GQA), both ways round', () => {
    const m = new TfLlama(config, 3);
    const engine = new LlamaModel(m.toWeights(), new ReferenceBackend());
    expect(relativeMaxError(engine.forward(ids, engine.newCache()), tfLogits(m, ids))).toBeLessThan(1e-5);
    const other = new TfLlama(config, 4);
    other.fromWeights(m.toWeights());
    expect(relativeMaxError(tfLogits(other, ids), tfLogits(m, ids))).toBeLessThan(1e-6);
    m.dispose();
    other.dispose();
  });

  it('LoRA adapters start as a no-op and are folded into the weights the engine runs', () => {
    const m = new TfLlama(config, 5);
    const before = tfLogits(m, ids);
    const adapters = m.addLora({ rank: 2, alpha: 4, targets: ['wq', 'w2'] });
    expect(tfLogits(m, ids)).toEqual(before);
    for (const v of adapters) v.assign(tf.randomNormal(v.shape, 0, 0.3, 'float32', 9));
    const engine = new LlamaModel(m.toWeights(), new ReferenceBackend());
    const after = tfLogits(m, ids);
    expect(relativeMaxError(after, before)).toBeGreaterThan(1e-3);
    expect(relativeMaxError(engine.forward(ids, engine.newCache()), after)).toBeLessThan(1e-5);
    m.dispose();
  });
});

describe('training', () => {
  const data = join(dir, 'text');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'a.txt'), Array.from({ length: 60 }, (_, i) => `the cat ${i % 7} sat on the mat number ${i}.`).join('\n\n'));
  const base = (out: string, steps: number): TrainOptions => ({
    data, out, config: join(dir, 'config.json'), vocab: 280, steps, batch: 2, lr: 3e-3, warmupSteps: 2, decayShare: 0.5, weightDecay: 0.1,
    seed: 1, heldOutShare: 0.2, checkpointEvery: 100, evalEvery: 3, shortSteps: 2, shortContext: 8, workers: 1, dtype: 'f32', command: 'test', quiet: true,
  });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ dim: 32, hiddenDim: 64, layers: 2, heads: 2, kvHeads: 1, seqLen: 16 }));

  it('stopped and resumed gives the same model as one uninterrupted run', async () => {
    const whole = await trainLlm(base(join(dir, 'whole'), 6));
    const stop = { requested: false };
    let calls = 0;
    // Stop after the third step (the trainer checks between steps).
    const partial = await trainLlm(base(join(dir, 'parts'), 6), new Proxy(stop, { get: (t, k) => (k === 'requested' ? ++calls > 3 : Reflect.get(t, k)) }));
    expect(partial.finished).toBe(false);
    expect(partial.steps).toBe(3);
    const resumed = await trainLlm(base(join(dir, 'parts'), 6));
    expect(resumed.finished).toBe(true);
    expect(readFileSync(join(dir, 'parts', 'weights.bin'))).toEqual(readFileSync(join(dir, 'whole', 'weights.bin')));
    expect(resumed.finalHeldOutLoss).toBe(whole.finalHeldOutLoss);
    const loaded = readCheckpoint(join(dir, 'whole'));
    expect(loaded.meta?.provenance).toMatchObject({ steps: 6, heldOutShare: 0.2, seed: 1 });
    const log = readFileSync(join(dir, 'whole', 'train-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { loss: number; context: number });
    expect(log.map((l) => l.context)).toEqual([8, 8, 16, 16, 16, 16]);
  });

  describe('from a trained checkpoint (--init-from)', () => {
    const initFrom = join(dir, 'whole');
    // A rate so small that the weights cannot move measurably: the run's first step sees the initial model.
    const still = (out: string, steps: number): TrainOptions => ({ ...base(out, steps), initFrom, lr: 1e-12, weightDecay: 0, shortSteps: 0, vocab: 999, config: 'tiny' });

    it('starts from its weights, shape and tokenizer and draws the batches after its run', async () => {
      const r = await trainLlm(still(join(dir, 'cont'), 1));
      const init = readCheckpoint(initFrom), cont = readCheckpoint(join(dir, 'cont'));
      expect(cont.weights.config).toEqual(init.weights.config);
      expect(readFileSync(join(dir, 'cont', 'tokenizer.json'))).toEqual(readFileSync(join(initFrom, 'tokenizer.json')));
      expect(relativeMaxError(cont.weights.layers[1].w2, init.weights.layers[1].w2)).toBeLessThan(1e-7);
      expect(relativeMaxError(cont.weights.tokenEmbedding, init.weights.tokenEmbedding)).toBeLessThan(1e-7);
      expect(cont.meta?.provenance).toMatchObject({ initFrom: { path: initFrom, weightsSha256: init.meta?.weightsSha256, steps: 6, tokensSeen: 6 * 2 * 16 }, tokensSeen: 2 * 16, totalTokensSeen: 7 * 2 * 16 });
      // The logged loss of step 1 is the initial model's loss on batch 6 of the seed (the initial run drew 0-5).
      const { train } = splitDocuments(readDocuments(data), 0.2, 1);
      const stream = tokenStream(train, readTokenizer(join(initFrom, 'tokenizer.json')));
      const model = new TfLlama(init.weights.config, 9);
      model.fromWeights(init.weights);
      const lossOn = (step: number) => {
        const b = sampleBatch(stream, 2, 16, 1, step);
        return tf.tidy(() => model.loss(tf.tensor2d(b.inputs, [2, 16], 'int32'), tf.tensor2d(b.targets, [2, 16], 'int32'))).dataSync()[0];
      };
      const logged = (JSON.parse(readFileSync(join(dir, 'cont', 'train-log.jsonl'), 'utf8').trim()) as { loss: number }).loss;
      expect(Math.abs(logged - lossOn(6))).toBeLessThan(1e-5);
      expect(Math.abs(logged - lossOn(0))).toBeGreaterThan(1e-3);
      expect(r.finished).toBe(true);
      model.dispose();
    });

    it('resumes after a stop to the same model', async () => {
      const o = (out: string): TrainOptions => ({ ...base(out, 4), initFrom, shortSteps: 0 });
      await trainLlm(o(join(dir, 'cont-whole')));
      let calls = 0;
      const stopped = await trainLlm(o(join(dir, 'cont-parts')), new Proxy({ requested: false }, { get: (t, k) => (k === 'requested' ? ++calls > 2 : Reflect.get(t, k)) }));
      expect(stopped.steps).toBe(2);
      await trainLlm(o(join(dir, 'cont-parts')));
      expect(readFileSync(join(dir, 'cont-parts', 'weights.bin'))).toEqual(readFileSync(join(dir, 'cont-whole', 'weights.bin')));
      expect(readFileSync(join(dir, 'cont-whole', 'weights.bin'))).not.toEqual(readFileSync(join(initFrom, 'weights.bin')));
    });

    it('refuses a split that would train on the checkpoint\'s held-out documents', async () => {
      await expect(trainLlm({ ...still(join(dir, 'cont-split'), 1), heldOutShare: 0.3 })).rejects.toMatchObject({ where: '--init-from', message: expect.stringMatching(/would train on its held-out documents/) });
    });
  });

  it('refuses to resume a folder trained with other settings', async () => {
    await expect(trainLlm({ ...base(join(dir, 'whole'), 6), seed: 2 })).rejects.toThrow(/other data or settings/);
  });

  it('warms up, holds, then decays to a tenth', () => {
    const o = { lr: 1, warmupSteps: 10, decayShare: 0.2, steps: 100 };
    expect(learningRate(0, o)).toBeCloseTo(0.1);
    expect(learningRate(50, o)).toBe(1);
    expect(learningRate(80, o)).toBe(1);
    expect(learningRate(99, o)).toBeCloseTo(1 - 0.9 * (19 / 20));
  });
});
