import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parameters, SeededRandom, selectBackend, type NamedArray } from '../../../models/common/index.ts';
import { epochCheckpoints, trainLoop, type TrainLoopState } from '../../../models/common/training/index.ts';
import { Interrupted, stopFlag, type StopFlag } from '../../../util/index.ts';

beforeAll(async () => {
  await selectBackend(() => {});
});

/** y = 2 x0 - 3 x1 + 1 plus seeded noise, in batches of 8. */
function data(seed: number, n: number) {
  const r = new SeededRandom(seed);
  return Array.from({ length: n }, () => {
    const x = [r.normal(), r.normal()];
    return { x, y: 2 * x[0] - 3 * x[1] + 1 + 0.05 * r.normal() };
  });
}

async function fit(seed: number, epochs: number, validation?: { x: number[]; y: number }[], patience?: number) {
  const p = new Parameters(seed);
  const w = p.add('w', [2, 1]);
  const b = p.add('b', [1], 'zeros');
  const rows = data(3, 64);
  const rng = new SeededRandom(seed);
  const lossOf = (batch: { x: number[]; y: number }[]) =>
    tf.losses.meanSquaredError(tf.tensor2d(batch.map((d) => [d.y])), tf.tensor2d(batch.map((d) => d.x)).matMul(w).add(b)) as tf.Scalar;
  const history = await trainLoop({
    params: p,
    optimizer: tf.train.adam(0.05),
    epochs,
    batches: () => {
      const order = rng.shuffle(rows);
      return Array.from({ length: 8 }, (_, i) => order.slice(i * 8, i * 8 + 8));
    },
    loss: lossOf,
    validationLoss: validation ? () => tf.tidy(() => lossOf(validation).dataSync()[0]) : undefined,
    patience,
    label: 'test',
    quiet: true,
  });
  const weights = [...w.dataSync(), ...b.dataSync()];
  p.dispose();
  return { history, weights };
}

describe('training loop', () => {
  it('decreases the loss and recovers a linear function', async () => {
    const { history, weights } = await fit(1, 30);
    expect(history.trainLoss[history.trainLoss.length - 1]).toBeLessThan(history.trainLoss[0] / 20);
    expect(weights[0]).toBeCloseTo(2, 1);
    expect(weights[1]).toBeCloseTo(-3, 1);
    expect(weights[2]).toBeCloseTo(1, 1);
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const a = (await fit(5, 3)).weights;
    expect((await fit(5, 3)).weights).toEqual(a);
    expect((await fit(6, 3)).weights).not.toEqual(a);
  });

  it('stops early when validation stops improving and keeps the best epoch', async () => {
    // Validation data from another function: training on ours makes it worse after a while.
    const validation = data(9, 16).map((d) => ({ x: d.x, y: -d.y }));
    const { history } = await fit(2, 40, validation, 3);
    expect(history.stoppedEarly).toBe(true);
    expect(history.trainLoss.length).toBe(history.bestEpoch + 4);
    expect(history.validationLoss[history.bestEpoch]).toBe(Math.min(...history.validationLoss));
  });
});

describe('resuming a training run', () => {
  /** A resumed run must equal an uninterrupted one: plain SGD keeps no moments, Adam's are saved with the state. */
  async function run(epochs: number, resume?: { state: TrainLoopState; weights: Map<string, NamedArray> }, onState?: (s: TrainLoopState, w: Map<string, NamedArray>) => void, stopAfterStep?: { step: number; stop: StopFlag }, optimizer: 'sgd' | 'adam' = 'sgd') {
    const p = new Parameters(4);
    const w = p.add('w', [2, 1]);
    const b = p.add('b', [1], 'zeros');
    if (resume) p.restore(resume.weights);
    const rows = data(3, 64);
    const validation = data(9, 16);
    const lossOf = (batch: { x: number[]; y: number }[]) =>
      tf.losses.meanSquaredError(tf.tensor2d(batch.map((d) => [d.y])), tf.tensor2d(batch.map((d) => d.x)).matMul(w).add(b)) as tf.Scalar;
    let steps = 0;
    const history = await trainLoop({
      params: p,
      optimizer: optimizer === 'adam' ? tf.train.adam(0.02) : tf.train.sgd(0.01),
      epochs,
      batches: (epoch) => {
        const order = new SeededRandom(100 + epoch).shuffle(rows);
        return Array.from({ length: 8 }, (_, i) => order.slice(i * 8, i * 8 + 8));
      },
      loss: (batch) => {
        // A Ctrl-C that arrives during this step.
        if (++steps === stopAfterStep?.step) stopAfterStep.stop.requested = true;
        return lossOf(batch);
      },
      validationLoss: () => tf.tidy(() => lossOf(validation).dataSync()[0]),
      patience: 3,
      label: 'test',
      quiet: true,
      resume: resume?.state,
      onState: onState ? (s) => onState(s, p.snapshot()) : undefined,
      stop: stopAfterStep?.stop,
    }).catch((e: unknown) => {
      p.dispose();
      throw e;
    });
    const weights = [...w.dataSync(), ...b.dataSync()];
    p.dispose();
    return { history, weights };
  }

  it('continues from a saved epoch to the same weights and history as one run', async () => {
    const whole = await run(12);
    const dir = mkdtempSync(join(tmpdir(), 'epochs-'));
    try {
      const saved = epochCheckpoints(dir, { run: 'a' });
      expect(saved.load()).toBeUndefined();
      let stop = 0;
      await run(4, undefined, (s, w) => {
        saved.save(s, w);
        stop = s.epochs;
      });
      expect(stop).toBe(4);
      const state = saved.load()!;
      expect(state.state.epochs).toBe(4);
      expect(epochCheckpoints(dir, { run: 'b' }).load()).toBeUndefined();
      const resumed = await run(12, state);
      expect(whole.history.stoppedEarly).toBe(false);
      expect(whole.history.bestEpoch).toBeGreaterThan(4);
      expect(resumed.weights).toEqual(whole.weights);
      expect(resumed.history).toEqual(whole.history);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps Adam\'s step count and moments, so a resumed Adam run continues as the uninterrupted one', async () => {
    const whole = await run(12, undefined, undefined, undefined, 'adam');
    const dir = mkdtempSync(join(tmpdir(), 'epochs-'));
    try {
      const saved = epochCheckpoints(dir, { run: 'adam' });
      await run(4, undefined, (s, w) => saved.save(s, w), undefined, 'adam');
      const state = saved.load()!;
      // The step count (4 epochs of 8 batches) and a first and second moment per weight.
      expect(state.state.optimizer!.map((a) => a.data.length)).toEqual([1, 2, 1, 2, 1]);
      expect(state.state.optimizer![0].data[0]).toBe(32);
      const resumed = await run(12, state, undefined, undefined, 'adam');
      expect(resumed.history.trainLoss.length).toBe(whole.history.trainLoss.length);
      // Equal up to float rounding: tfjs rebuilds beta^t with pow() where a run multiplies it step by step.
      resumed.weights.forEach((w, i) => expect(w).toBeCloseTo(whole.weights[i], 5));
      // Restarting the moments (the state without them) ends elsewhere.
      const restarted = await run(12, { ...state, state: { ...state.state, optimizer: undefined } }, undefined, undefined, 'adam');
      expect(Math.max(...restarted.weights.map((w, i) => Math.abs(w - whole.weights[i])))).toBeGreaterThan(1e-4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops inside an epoch at a stop request, saves that epoch\'s progress, and resumes to the same run', async () => {
    const whole = await run(12);
    const dir = mkdtempSync(join(tmpdir(), 'epochs-'));
    try {
      const saved = epochCheckpoints(dir, { run: 'a' });
      const states: TrainLoopState[] = [];
      // Eight batches per epoch: step 11 is the third batch of the second epoch.
      const stop = stopFlag();
      const stopped = run(12, undefined, (s, w) => {
        saved.save(s, w);
        states.push(s);
      }, { step: 11, stop });
      await expect(stopped).rejects.toBeInstanceOf(Interrupted);
      await expect(stopped).rejects.toMatchObject({ exitCode: 130 });
      expect(states.map((s) => [s.epochs, s.batchesDone])).toEqual([[1, undefined], [1, 3]]);
      const state = saved.load()!;
      expect(state.state).toMatchObject({ epochs: 1, batchesDone: 3 });
      expect(state.state.partialLoss).toBeGreaterThan(0);
      const resumed = await run(12, state);
      expect(resumed.weights).toEqual(whole.weights);
      expect(resumed.history).toEqual(whole.history);
      // A plain kill gives the shell's 143.
      const term = stopFlag();
      term.signal = 'SIGTERM';
      await expect(run(12, undefined, undefined, { step: 2, stop: term })).rejects.toMatchObject({ exitCode: 143 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
