import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parameters, selectBackend } from '../../../../models/common/index.ts';
import { loadTrainState, saveTrainState } from '../../../../models/gen/seadag/train-state.ts';

const dir = mkdtempSync(join(tmpdir(), 'seadag-train-state-'));
beforeAll(async () => {
  await selectBackend(() => {});
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A seeded weight vector and Adam on a fixed least-squares loss: `steps` updates from the optimizer's current state. */
function fit(params: Parameters, optimizer: tf.Optimizer, steps: number): void {
  const w = params.get('w');
  const target = tf.linspace(-1, 1, 16);
  for (let i = 0; i < steps; i++) optimizer.minimize(() => tf.sum(tf.square(tf.sub(tf.mul(w, w), target))), false, [w])?.dispose();
  target.dispose();
}

const fresh = () => {
  const params = new Parameters(7);
  params.add('w', [16]);
  return { params, optimizer: tf.train.adam(0.01) };
};

describe('resumable training state', () => {
  // At 5 steps tfjs's pow(beta2, 6) and the product of six beta2 differ in the last bit, so a
  // restore that recomputed the powers would give other weights.
  it('a run saved after 5 steps and resumed for 4 more ends with the weights of 9 straight steps, bit for bit', async () => {
    const straight = fresh();
    fit(straight.params, straight.optimizer, 9);
    const first = fresh();
    fit(first.params, first.optimizer, 5);
    await saveTrainState(dir, { run: 1 }, first.params, first.optimizer, { step: 5, history: [] });
    const resumed = fresh();
    expect((await loadTrainState(dir, { run: 1 }, resumed.params, resumed.optimizer))?.step).toBe(5);
    fit(resumed.params, resumed.optimizer, 4);
    expect(Array.from(resumed.params.get('w').dataSync())).toEqual(Array.from(straight.params.get('w').dataSync()));
  });
});
