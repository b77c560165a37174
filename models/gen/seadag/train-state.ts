import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint, type NamedArray, type Parameters } from '../../common/index.ts';
import { contentHash } from '../../../util/index.ts';

/**
 * Resumable training: the weights, the optimizer's moments and the step, saved together every so
 * often (atomically, weights first), so an interrupted run continues where it stopped and, since
 * every batch is drawn from a generator seeded by (seed, step), gives the same model as an
 * uninterrupted one.
 */
export interface TrainState<H> {
  readonly step: number;
  readonly history: H[];
  /** The step the run's learning-rate schedule starts at (the step of the state it was started from; 0 from scratch). */
  readonly rateFrom?: number;
}

interface StateManifest<H> extends TrainState<H> {
  readonly configHash: string;
  readonly optimizerTensors: number;
}

export const stateFolder = (outDir: string) => join(outDir, 'train-state');

/**
 * tfjs's Adam keeps beta1^t and beta2^t as running products, but its setWeights recomputes them as
 * pow(beta, t + 1), which rounds differently at most steps; they are saved and restored as they are,
 * so a resumed run stays bit for bit equal to an uninterrupted one (states saved without them
 * resume with tfjs's recomputed powers).
 */
const ADAM_POWERS = 'optimizer/adam-powers';
interface AdamPowers { readonly accBeta1: tf.Variable; readonly accBeta2: tf.Variable }
const adamPowers = (optimizer: tf.Optimizer): AdamPowers | undefined => {
  const o = optimizer as unknown as Partial<AdamPowers>;
  return o.accBeta1 && o.accBeta2 ? { accBeta1: o.accBeta1, accBeta2: o.accBeta2 } : undefined;
};

export async function saveTrainState<H>(outDir: string, config: unknown, params: Parameters, optimizer: tf.Optimizer, state: TrainState<H>): Promise<void> {
  const weights = params.snapshot();
  const opt = await optimizer.getWeights();
  const all = new Map<string, NamedArray>(weights);
  opt.forEach((w, i) => all.set(`optimizer/${String(i).padStart(5, '0')}`, { shape: w.tensor.shape, data: w.tensor.dataSync() as Float32Array }));
  const powers = adamPowers(optimizer);
  if (powers) all.set(ADAM_POWERS, { shape: [2], data: Float32Array.from([powers.accBeta1.dataSync()[0], powers.accBeta2.dataSync()[0]]) });
  const manifest: StateManifest<H> = { ...state, configHash: contentHash(config), optimizerTensors: opt.length };
  saveCheckpoint(stateFolder(outDir), manifest, all);
}

/**
 * Restores a saved state into `params` and `optimizer` when one exists for the same config (any
 * config when `config` is undefined: starting a new run from another's state); returns it, or undefined.
 */
export async function loadTrainState<H>(outDir: string, config: unknown, params: Parameters, optimizer: tf.Optimizer): Promise<TrainState<H> | undefined> {
  const dir = stateFolder(outDir);
  if (!existsSync(join(dir, 'checkpoint.json'))) return undefined;
  const { config: manifest, weights } = loadCheckpoint<StateManifest<H>>(dir);
  if (config !== undefined && manifest.configHash !== contentHash(config)) return undefined;
  params.restore(weights);
  const named: { name: string; tensor: tf.Tensor }[] = [];
  for (let i = 0; i < manifest.optimizerTensors; i++) {
    const w = weights.get(`optimizer/${String(i).padStart(5, '0')}`)!;
    named.push({ name: i === 0 ? 'iter' : `m${i}`, tensor: tf.tensor(w.data, [...w.shape]) });
  }
  if (named.length > 0) await optimizer.setWeights(named);
  const powers = adamPowers(optimizer);
  const saved = weights.get(ADAM_POWERS);
  if (powers && saved) {
    powers.accBeta1.assign(tf.scalar(saved.data[0]));
    powers.accBeta2.assign(tf.scalar(saved.data[1]));
  }
  return { step: manifest.step, history: manifest.history, rateFrom: manifest.rateFrom };
}
