// A trained predictor on disk: models/common's checkpoint folder (weights.bin + checkpoint.json)
// whose config holds the network's shape, the target standardiser and where it came from.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Parameters, loadCheckpoint, manifestFile, saveCheckpoint } from '../../common/index.ts';
import { type TrainHistory } from '../../common/training/index.ts';
import { UserError } from '../../../util/index.ts';
import { defineNet, type NetConfig } from './networks.ts';
import type { Standardizer } from './targets.ts';
import type { TrainedModel } from './train.ts';

export interface ModelMeta {
  /** Data set hash and the split the model was trained on. */
  readonly dataHash: string;
  readonly split: string;
  /** Seed of the split (and of the training). */
  readonly seed: number;
  readonly trainDesigns: readonly string[];
  /** Hash of the training settings (a resumed run retrains a model whose settings changed). */
  readonly settingsHash: string;
  readonly history: TrainHistory;
  readonly seconds: number;
  /** The linear recipe term's scale and the validation losses it was chosen by. */
  readonly recipeTerm?: TrainedModel['recipeTerm'];
}

interface StoredConfig { kind: 'lsoformer-qor'; net: NetConfig; standardizer: Standardizer; meta: ModelMeta }

export function saveModel(dir: string, m: TrainedModel, meta: ModelMeta): void {
  saveCheckpoint<StoredConfig>(dir, { kind: 'lsoformer-qor', net: m.config, standardizer: m.standardizer, meta }, m.params.snapshot());
}

export function hasModel(dir: string): boolean {
  return existsSync(join(dir, manifestFile));
}

export function loadModel(dir: string): TrainedModel & { meta: ModelMeta } {
  const { config, weights } = loadCheckpoint<StoredConfig>(dir);
  if (config.kind !== 'lsoformer-qor') throw new UserError(`not an LSOformer/QoR checkpoint (kind '${String(config.kind)}')`, join(dir, manifestFile), 'point at a folder written by `tessera lso train`');
  const params: Parameters = defineNet(config.net, 0);
  params.restore(weights);
  return { config: config.net, params, standardizer: config.standardizer, history: config.meta.history, recipeTerm: config.meta.recipeTerm, meta: config.meta };
}
