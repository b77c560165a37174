import { fileURLToPath } from 'node:url';
import { UserError } from '../../util/index.ts';
import { loadCheckpoint, saveCheckpoint } from '../common/index.ts';
import type { AnomalyGraph } from './graph.ts';
import type { NodeScorer } from './model.ts';
import { type ModelKind, createModel, isModelKind } from './models.ts';
import type { GnnSettings } from './settings.ts';
import { modelFeatures } from './train.ts';

/** What a GNN checkpoint records beside its weights: enough to rebuild the model and its split. */
export interface GnnCheckpointConfig {
  readonly format: 'tessera-gnn-1';
  readonly model: ModelKind;
  readonly dataset: string;
  readonly dataHash: string;
  /** The seed of the split (and of the initial weights). */
  readonly seed: number;
  readonly settings: GnnSettings;
  /** The ensemble mix and the F1 threshold chosen on validation. */
  readonly mix: string;
  readonly threshold: number;
  readonly test: { readonly auc: number; readonly f1: number };
}

export function saveGnnCheckpoint(dir: string, config: Omit<GnnCheckpointConfig, 'format'>, model: NodeScorer): void {
  saveCheckpoint<GnnCheckpointConfig>(dir, { format: 'tessera-gnn-1', ...config }, model.params.snapshot());
}

/**
 * Rebuilds a checkpoint's model with the trained weights over its graph, which `loadGraph` reads by
 * name and which must hold the same data.
 */
export function loadGnnCheckpoint(dir: string, loadGraph: (name: string) => AnomalyGraph): { config: GnnCheckpointConfig; model: NodeScorer; graph: AnomalyGraph } {
  const { config, weights } = loadCheckpoint<GnnCheckpointConfig>(dir);
  const fix = 'point at a folder written by `tessera gnn train --out DIR`';
  if (config.format !== 'tessera-gnn-1' || !isModelKind(config.model)) throw new UserError('not a GNN checkpoint', dir, fix);
  const graph = loadGraph(config.dataset);
  if (config.dataHash !== graph.dataHash) {
    throw new UserError(`trained on ${config.dataset} (data ${config.dataHash}), not on ${graph.name} (data ${graph.dataHash})`, dir, 'score the graph it was trained on');
  }
  const model = createModel(config.model, graph, modelFeatures(graph), config.settings, config.seed);
  model.params.restore(weights);
  return { config, model, graph };
}

/**
 * The SpaceGNN checkpoint that ships in the repository: seed 1 on tolokers, as
 * `tessera gnn train --out models/gnn/checkpoint` writes it (see checkpoint/README.md).
 */
export function shippedGnnCheckpointDir(): string {
  return fileURLToPath(new URL('./checkpoint/seed-1/', import.meta.url));
}
