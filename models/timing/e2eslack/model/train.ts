import * as tf from '@tensorflow/tfjs';
import { Parameters, SeededRandom, type NamedArray } from '../../../common/index.ts';
import { trainLoop, type EpochCheckpoints, type TrainHistory } from '../../../common/training/index.ts';
import { CELL_FEATURES, NET_FEATURES } from './features.ts';
import { addMlp, mlpTensor, mlpWeights, standardizer, type MlpSpec, type Standardizer } from './mlp.ts';
import type { MessageFunctions } from './propagate.ts';
import type { ArcSamples } from './samples.ts';
import type { NetGeometry } from '../parser/slack-graph.ts';

/** What a checkpoint needs besides the weights to rebuild the message functions. */
export interface MessageConfig {
  readonly cellSpec: MlpSpec;
  readonly netSpec: MlpSpec;
  readonly cellInput: Standardizer;
  readonly netInput: Standardizer;
  readonly cellScale: [number, number];
  readonly netScale: [number, number];
  /** The TimingParser's net geometry the functions were trained on (absent: 'steiner', the first checkpoints). */
  readonly geometry?: NetGeometry;
}

export interface TrainSettings {
  readonly hidden: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly patience: number;
  readonly seed: number;
  /** The TimingParser's net geometry for the features. */
  readonly geometry: NetGeometry;
  readonly quiet?: boolean;
}

export const defaultTrainSettings: TrainSettings = { hidden: 16, epochs: 40, batchSize: 2048, learningRate: 3e-3, patience: 6, seed: 1, geometry: 'trunk' };

/** Standard deviation of each of the two targets (the residuals' natural units). */
function targetScale(s: ArcSamples): [number, number] {
  const sd = [0, 1].map((k) => {
    let m = 0;
    for (let i = 0; i < s.rows; i++) m += s.targets[i * 2 + k]!;
    m /= Math.max(1, s.rows);
    let v = 0;
    for (let i = 0; i < s.rows; i++) v += (s.targets[i * 2 + k]! - m) ** 2;
    return Math.max(1e-4, Math.sqrt(v / Math.max(1, s.rows)));
  });
  return [sd[0]!, sd[1]!];
}

interface Batch {
  cellX: tf.Tensor2D;
  cellY: tf.Tensor2D;
  netX: tf.Tensor2D;
  netY: tf.Tensor2D;
}

function standardized(x: Float32Array, columns: number, s: Standardizer, rows: number[]): Float32Array {
  const out = new Float32Array(rows.length * columns);
  rows.forEach((r, i) => {
    for (let c = 0; c < columns; c++) out[i * columns + c] = (x[r * columns + c]! - s.mean[c]!) / s.std[c]!;
  });
  return out;
}

function scaledTargets(y: Float32Array, scale: [number, number], rows: number[]): Float32Array {
  const out = new Float32Array(rows.length * 2);
  rows.forEach((r, i) => {
    out[i * 2] = y[r * 2]! / scale[0];
    out[i * 2 + 1] = y[r * 2 + 1]! / scale[1];
  });
  return out;
}

/**
 * Trains the cell-arc and net-arc message functions on teacher-forced samples (true input
 * slews), mean squared error on residuals in units of their standard deviation, Adam, seeded
 * shuffling (each epoch's order from the seed and the epoch alone), early stopping on the validation
 * designs' samples. With `checkpoints` the state is saved after every epoch and a saved one resumed.
 */
export async function trainMessageFunctions(train: { cell: ArcSamples; net: ArcSamples }, validation: { cell: ArcSamples; net: ArcSamples }, settings: TrainSettings = defaultTrainSettings, checkpoints?: EpochCheckpoints): Promise<{ config: MessageConfig; weights: Map<string, NamedArray>; history: TrainHistory }> {
  const cellSpec: MlpSpec = { name: 'cell', sizes: [CELL_FEATURES, settings.hidden, settings.hidden, 2] };
  const netSpec: MlpSpec = { name: 'net', sizes: [NET_FEATURES, settings.hidden, settings.hidden, 2] };
  const config: MessageConfig = {
    cellSpec, netSpec,
    cellInput: standardizer(train.cell.features, CELL_FEATURES),
    netInput: standardizer(train.net.features, NET_FEATURES),
    cellScale: targetScale(train.cell),
    netScale: targetScale(train.net),
    geometry: settings.geometry,
  };
  const params = new Parameters(settings.seed);
  addMlp(params, cellSpec);
  addMlp(params, netSpec);
  const saved = checkpoints?.load();
  if (saved) params.restore(saved.weights);
  const batchesPerEpoch = Math.max(1, Math.ceil(Math.max(train.cell.rows, train.net.rows) / settings.batchSize));
  const makeBatches = (epoch: number): Batch[] => {
    const rng = new SeededRandom(settings.seed * 100003 + epoch + 1);
    const order = (n: number) => {
      const a = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a;
    };
    const co = order(train.cell.rows);
    const no = order(train.net.rows);
    const out: Batch[] = [];
    for (let b = 0; b < batchesPerEpoch; b++) {
      const cr = co.slice((b * co.length) / batchesPerEpoch, ((b + 1) * co.length) / batchesPerEpoch);
      const nr = no.slice((b * no.length) / batchesPerEpoch, ((b + 1) * no.length) / batchesPerEpoch);
      out.push({
        cellX: tf.tensor2d(standardized(train.cell.features, CELL_FEATURES, config.cellInput, cr), [cr.length, CELL_FEATURES]),
        cellY: tf.tensor2d(scaledTargets(train.cell.targets, config.cellScale, cr), [cr.length, 2]),
        netX: tf.tensor2d(standardized(train.net.features, NET_FEATURES, config.netInput, nr), [nr.length, NET_FEATURES]),
        netY: tf.tensor2d(scaledTargets(train.net.targets, config.netScale, nr), [nr.length, 2]),
      });
    }
    return out;
  };
  const all = (s: ArcSamples) => Array.from({ length: s.rows }, (_, i) => i);
  const val: Batch = {
    cellX: tf.tensor2d(standardized(validation.cell.features, CELL_FEATURES, config.cellInput, all(validation.cell)), [validation.cell.rows, CELL_FEATURES]),
    cellY: tf.tensor2d(scaledTargets(validation.cell.targets, config.cellScale, all(validation.cell)), [validation.cell.rows, 2]),
    netX: tf.tensor2d(standardized(validation.net.features, NET_FEATURES, config.netInput, all(validation.net)), [validation.net.rows, NET_FEATURES]),
    netY: tf.tensor2d(scaledTargets(validation.net.targets, config.netScale, all(validation.net)), [validation.net.rows, 2]),
  };
  const loss = (b: Batch) => tf.tidy(() => {
    const lc = tf.losses.meanSquaredError(b.cellY, mlpTensor(params, cellSpec, b.cellX));
    const ln = tf.losses.meanSquaredError(b.netY, mlpTensor(params, netSpec, b.netX));
    return tf.add(lc, ln) as tf.Scalar;
  });
  let current: Batch[] = [];
  const history = await trainLoop<Batch>({
    params,
    optimizer: tf.train.adam(settings.learningRate),
    epochs: settings.epochs,
    batches: (epoch) => {
      for (const b of current) tf.dispose([b.cellX, b.cellY, b.netX, b.netY]);
      current = makeBatches(epoch);
      return current;
    },
    loss,
    validationLoss: () => {
      const l = loss(val);
      const v = l.dataSync()[0]!;
      l.dispose();
      return v;
    },
    patience: settings.patience,
    label: 'e2eslack message functions',
    quiet: settings.quiet,
    onEpoch: settings.quiet ? undefined : (epoch, t, v) => console.error(`epoch ${epoch + 1}: train loss ${t.toFixed(4)}, validation loss ${v?.toFixed(4)}`),
    resume: saved?.state,
    onState: checkpoints ? (state) => checkpoints.save(state, params.snapshot()) : undefined,
  });
  for (const b of [...current, val]) tf.dispose([b.cellX, b.cellY, b.netX, b.netY]);
  const weights = params.snapshot();
  params.dispose();
  return { config, weights, history };
}

/** The message functions for inference from a checkpoint's config and weights. */
export function messageFunctions(config: MessageConfig, weights: ReadonlyMap<string, NamedArray>): MessageFunctions {
  return {
    cell: mlpWeights(weights, config.cellSpec, config.cellInput),
    net: mlpWeights(weights, config.netSpec, config.netInput),
    cellScale: config.cellScale,
    netScale: config.netScale,
    geometry: config.geometry ?? 'steiner',
  };
}
