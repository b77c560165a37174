import { Parameters, loadCheckpoint, saveCheckpoint } from '../../common/index.ts';
import { aigToCanvas, canvasSize } from './canvas.ts';
import { padGraph, type CanvasPrior } from './canvas-prior.ts';
import { recordAig, recordFunction, type PairRecord } from './data/dataset.ts';
import { SETTINGS, type SettingName } from './data/truth-function.ts';
import { measureMarginals, type Marginals } from './diffusion/noising.ts';
import type { Schedule } from './diffusion/schedule.ts';
import { featureCount } from './model/features.ts';
import { diffusionLoss } from './model/loss.ts';
import { batchTensors, defineNetwork, disposeBatch, type NetworkConfig } from './model/network.ts';
import { disposeTraining, noiseExample, trainingTensors, type CanvasPair } from './model/training-batch.ts';
import { trainSteps, type LossPoint } from './training-loop.ts';
import { seededRandom } from '../../../util/index.ts';

/** The full model and its two ablations. */
export type DiffusionVariant = 'seadag' | 'uniform-timesteps' | 'no-condition-loss';
export const DIFFUSION_VARIANTS: readonly DiffusionVariant[] = ['seadag', 'uniform-timesteps', 'no-condition-loss'];

/** Everything besides the weights that sampling needs (checkpoint.json). */
export interface DiffusionConfig {
  readonly kind: 'seadag-diffusion';
  readonly variant: DiffusionVariant;
  readonly setting: SettingName;
  readonly schedule: Schedule;
  readonly network: NetworkConfig;
  /** Weight of the condition loss (0 in the no-condition-loss ablation). */
  readonly lambda: number;
  readonly marginals: Marginals;
  readonly prior: CanvasPrior;
}

export interface DiffusionTrainSettings {
  readonly variant: DiffusionVariant;
  readonly steps: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly hidden: number;
  readonly layers: number;
  /** Denoising steps per level, T. */
  readonly diffusionSteps: number;
  /** Global steps between consecutive levels' schedules (the full model; 0 in the uniform ablation). */
  readonly lag: number;
  readonly lambda: number;
  /** Minterms the property decoder sees per batch in training (all when the function has fewer). */
  readonly decodedMinterms: number;
  readonly seed: number;
  readonly checkpointEvery: number;
}

export const DEFAULT_DIFFUSION_SETTINGS: Omit<DiffusionTrainSettings, 'variant'> = {
  steps: 3000, batch: 32, learningRate: 1e-3, hidden: 64, layers: 3, diffusionSteps: 8, lag: 4, lambda: 0.5, decodedMinterms: 64, seed: 1, checkpointEvery: 100,
};

/** Training pairs of the records' training split, as canvas graphs. */
export function canvasPairs(records: readonly PairRecord[]): CanvasPair[] {
  return records.map((r) => ({ clean: aigToCanvas(recordAig(r)), target: recordFunction(r) }));
}

export function canvasPrior(setting: SettingName, pairs: readonly CanvasPair[]): CanvasPrior {
  const { inputs, outputs } = SETTINGS[setting];
  return { inputs, outputs, profiles: pairs.map((p) => [...p.clean.canvas.widths]) };
}

export class DiffusionModel {
  constructor(readonly config: DiffusionConfig, readonly params: Parameters) {}

  static create(config: DiffusionConfig, seed: number): DiffusionModel {
    const p = new Parameters(seed);
    defineNetwork(p, config.network);
    return new DiffusionModel(config, p);
  }

  static load(dir: string): DiffusionModel {
    const { config, weights } = loadCheckpoint<DiffusionConfig>(dir);
    if (config.kind !== 'seadag-diffusion') throw new Error(`${dir} holds a ${String(config.kind)} checkpoint, not a SeaDAG diffusion model`);
    const model = DiffusionModel.create(config, 0);
    model.params.restore(weights);
    return model;
  }

  save(dir: string): void {
    saveCheckpoint(dir, this.config, this.params.snapshot());
  }

  dispose(): void {
    this.params.dispose();
  }
}

/** The config a variant trains: the full model's schedule and loss, or one of them switched off. */
export function diffusionConfig(setting: SettingName, s: DiffusionTrainSettings, marginals: Marginals, prior: CanvasPrior): DiffusionConfig {
  const { inputs, outputs } = SETTINGS[setting];
  const minterms = 2 ** inputs;
  return {
    kind: 'seadag-diffusion',
    variant: s.variant,
    setting,
    schedule: { steps: s.diffusionSteps, lag: s.variant === 'uniform-timesteps' ? 0 : s.lag },
    network: { features: featureCount(minterms, outputs), condition: minterms * outputs, hidden: s.hidden, layers: s.layers },
    lambda: s.variant === 'no-condition-loss' ? 0 : s.lambda,
    marginals,
    prior,
  };
}

/** Trains a diffusion variant on the training split, resuming from `outDir`'s saved state; returns the model and its loss history. */
export async function trainDiffusion(setting: SettingName, train: readonly PairRecord[], s: DiffusionTrainSettings, outDir: string, quiet = false): Promise<{ model: DiffusionModel; history: LossPoint[] }> {
  const pairs = canvasPairs(train);
  const rand = seededRandom(s.seed);
  const marginals = measureMarginals(pairs.map((p) => padGraph(p.clean, rand)));
  const config = diffusionConfig(setting, s, marginals, canvasPrior(setting, pairs));
  const model = DiffusionModel.create(config, s.seed);
  const history = await trainSteps({
    label: `train ${s.variant} ${setting}`,
    outDir,
    config: { config, settings: s },
    params: model.params,
    learningRate: s.learningRate,
    steps: s.steps,
    seed: s.seed,
    checkpointEvery: s.checkpointEvery,
    quiet,
    batch: (r) => {
      const examples = Array.from({ length: s.batch }, () => noiseExample(pairs[Math.floor(r() * pairs.length)], config.schedule, marginals, r));
      const size = Math.max(...examples.map((e) => canvasSize(e.clean.canvas)));
      const y = trainingTensors(examples, size, s.decodedMinterms, r);
      const t = batchTensors(y.packed);
      return {
        loss: () => {
          const l = diffusionLoss(model.params, config.network, t, y, config.lambda);
          return { total: l.total, parts: { type: l.type, edge: l.edge, condition: l.condition } };
        },
        dispose: () => {
          disposeBatch(t);
          disposeTraining(y);
        },
      };
    },
  });
  return { model, history };
}

