import { Parameters, loadCheckpoint, saveCheckpoint } from '../../common/index.ts';
import { aigToCanvas, canvasSize } from './canvas.ts';
import { padGraph, type CanvasPrior } from './canvas-prior.ts';
import { signatureIndex } from './canvas-neighbours.ts';
import { recordAig, recordFunction, type PairRecord } from './data/dataset.ts';
import { SETTINGS, type SettingName } from './data/truth-function.ts';
import { measureMarginals, type Marginals } from './diffusion/noising.ts';
import type { Schedule } from './diffusion/schedule.ts';
import { featureCount } from './model/features.ts';
import { diffusionLoss } from './model/loss.ts';
import { batchTensors, defineNetwork, disposeBatch, type NetworkConfig } from './model/network.ts';
import { disposeTraining, noiseExample, ownCanvas, trainingTensors, type CanvasPair } from './model/training-batch.ts';
import { npnVariant } from './npn-variant.ts';
import { sampledPlacement } from './sampled-placement.ts';
import { trainSteps, type LossPoint } from './training-loop.ts';
import * as tf from '@tensorflow/tfjs';
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
  /** Learning-rate warm-up steps and cosine decay target (constant rate when absent). */
  readonly warmup?: number;
  readonly finalRate?: number;
  /** A run folder whose saved state this run starts from (weights, Adam's moments, step). */
  readonly init?: string;
  /** Draw each batch from distinct NPN classes (one random pair of each of `batch` random classes) instead of uniformly over pairs. */
  readonly distinctClasses?: boolean;
  /** Embed this share of the training graphs in canvases drawn as the sampler draws them (sampled-placement.ts; `neighbours` as --canvas-neighbours). */
  readonly sampledCanvases?: { readonly share: number; readonly neighbours: number };
  /** A checkpoint folder whose weights (and marginals) this run starts from, with a fresh optimizer at step 0. */
  readonly initWeights?: string;
  /** Replace this share of the training pairs by a random NPN transform of the pair (function and circuit; npn-variant.ts). */
  readonly npnVariants?: number;
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
  const bySignature = signatureIndex(pairs.map((p) => ({ fn: p.target, widths: p.clean.canvas.widths })));
  return { inputs, outputs, profiles: pairs.map((p) => [...p.clean.canvas.widths]), bySignature };
}

/**
 * A config whose canvas prior gains the signature index of the function-conditioned prior, for a
 * checkpoint written before it had one: `train` must be the run's training pairs, checked by their
 * level widths against the stored profiles (same graphs, same order). Returns undefined when they differ.
 */
export function withSignatureIndex(config: DiffusionConfig, train: readonly PairRecord[]): DiffusionConfig | undefined {
  const pairs = canvasPairs(train);
  const stored = config.prior.profiles;
  if (pairs.length !== stored.length || pairs.some((p, i) => p.clean.canvas.widths.join(',') !== stored[i].join(','))) return undefined;
  return { ...config, prior: canvasPrior(config.setting, pairs) };
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

/** Validation batches drawn once (seeded) from held-out pairs, so every saved step is scored on the same noised graphs. */
const VALIDATION_BATCHES = 16;

function validationLoss(model: DiffusionModel, val: readonly PairRecord[], s: DiffusionTrainSettings): (() => Record<string, number>) | undefined {
  if (val.length === 0) return undefined;
  const pairs = canvasPairs(val);
  const rand = seededRandom(s.seed + 7919);
  const { schedule, marginals, network } = model.config;
  const batches = Array.from({ length: VALIDATION_BATCHES }, () => {
    const examples = Array.from({ length: s.batch }, () => noiseExample(pairs[Math.floor(rand() * pairs.length)], schedule, marginals, rand));
    return { examples, size: Math.max(...examples.map((e) => canvasSize(e.clean.canvas))), seed: Math.floor(rand() * 2 ** 31) };
  });
  return () => {
    const sums: Record<string, number> = {};
    for (const b of batches) {
      const y = trainingTensors(b.examples, b.size, s.decodedMinterms, seededRandom(b.seed));
      const t = batchTensors(y.packed);
      const parts = tf.tidy(() => {
        const l = diffusionLoss(model.params, network, t, y, model.config.lambda);
        return { type: l.type.dataSync()[0], edge: l.edge.dataSync()[0], condition: l.condition.dataSync()[0] };
      });
      disposeBatch(t);
      disposeTraining(y);
      for (const [k, v] of Object.entries(parts)) sums[k] = (sums[k] ?? 0) + v / batches.length;
    }
    return sums;
  };
}

/** Picks a batch's pair indices one at a time: uniformly over pairs, or one random pair of each of `batch` distinct random classes. */
function pairPicker(classes: readonly number[][], pairCount: number, s: DiffusionTrainSettings, r: () => number): () => number {
  if (!s.distinctClasses || classes.length < s.batch) return () => Math.floor(r() * pairCount);
  const order = classes.map((_, i) => i);
  for (let i = 0; i < s.batch; i++) {
    const j = i + Math.floor(r() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let next = 0;
  return () => {
    const members = classes[order[next++]];
    return members[Math.floor(r() * members.length)];
  };
}

/**
 * Trains a diffusion variant on the training split, resuming from `outDir`'s saved state (or
 * starting from `s.init`'s); returns the model and its loss history. With `val` pairs the loss on
 * fixed validation batches is logged at every saved step.
 */
export async function trainDiffusion(setting: SettingName, train: readonly PairRecord[], s: DiffusionTrainSettings, outDir: string, quiet = false, val: readonly PairRecord[] = []): Promise<{ model: DiffusionModel; history: LossPoint[] }> {
  const pairs = canvasPairs(train);
  const byClass = new Map<string, number[]>();
  train.forEach((r, i) => byClass.set(r.classKey, [...(byClass.get(r.classKey) ?? []), i]));
  const classes = [...byClass.values()];
  const rand = seededRandom(s.seed);
  const measured = measureMarginals(pairs.map((p) => padGraph(p.clean, rand)));
  const start = s.initWeights ? DiffusionModel.load(s.initWeights) : undefined;
  // A model continued from another's weights keeps the class marginals it was trained with.
  const config = diffusionConfig(setting, s, start?.config.marginals ?? measured, canvasPrior(setting, pairs));
  const { marginals } = config;
  const model = DiffusionModel.create(config, s.seed);
  if (start) {
    model.params.restore(start.params.snapshot());
    start.dispose();
  }
  const place = s.sampledCanvases ? sampledPlacement(config.prior, s.sampledCanvases.share, s.sampledCanvases.neighbours) : ownCanvas;
  const history = await trainSteps({
    label: `train ${s.variant} ${setting}`,
    outDir,
    config: { config, settings: s },
    params: model.params,
    learningRate: s.learningRate,
    rate: { warmup: s.warmup, finalRate: s.finalRate },
    init: s.init,
    validate: validationLoss(model, val, s),
    steps: s.steps,
    seed: s.seed,
    checkpointEvery: s.checkpointEvery,
    quiet,
    batch: (r) => {
      const pick = pairPicker(classes, pairs.length, s, r);
      const examples = Array.from({ length: s.batch }, () => noiseExample(npnVariant(pairs[pick()], s.npnVariants ?? 0, r), config.schedule, marginals, r, place));
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

