import { Bwgnn, Gcn, Mlp, Sage } from './baselines.ts';
import type { AnomalyGraph } from './graph.ts';
import type { NodeScorer } from './model.ts';
import type { GnnSettings, OptimizerSettings } from './settings.ts';
import { SpaceGnn, type SpaceKind, spaceKinds } from './spacegnn.ts';

/** Every model `gnn train` and `gnn compare` know: SpaceGNN, its ablations, and the baselines. */
export const modelKinds = [
  'spacegnn', 'spacegnn-hyperbolic', 'spacegnn-spherical', 'spacegnn-euclidean', 'spacegnn-no-weights',
  'mlp', 'gcn', 'sage', 'bwgnn',
] as const;
export type ModelKind = (typeof modelKinds)[number];

export function isModelKind(name: string): name is ModelKind {
  return (modelKinds as readonly string[]).includes(name);
}

export function isSpaceGnnVariant(kind: ModelKind): boolean {
  return kind.startsWith('spacegnn');
}

/** The spaces a SpaceGNN variant has. */
function spacesOf(kind: ModelKind): readonly SpaceKind[] {
  const single = kind.replace('spacegnn-', '');
  return (spaceKinds as readonly string[]).includes(single) ? [single as SpaceKind] : spaceKinds;
}

/** The optimizer settings that apply to a model kind. */
export function optimizerSettings(kind: ModelKind, settings: GnnSettings): OptimizerSettings {
  return isSpaceGnnVariant(kind) ? settings.spacegnn : settings.baseline;
}

/** A fresh model of `kind` over the graph, its weights drawn from `seed`. `features` are the standardised ones. */
export function createModel(kind: ModelKind, graph: AnomalyGraph, features: Float32Array, settings: GnnSettings, seed: number): NodeScorer {
  const f = graph.numFeatures;
  switch (kind) {
    case 'mlp': return new Mlp(features, f, settings.baseline, seed);
    case 'gcn': return new Gcn(graph.adjacency, features, f, settings.baseline, seed);
    case 'sage': return new Sage(graph.adjacency, features, f, settings.baseline, seed);
    case 'bwgnn': return new Bwgnn(graph.adjacency, features, f, settings.baseline, seed);
    default:
      return new SpaceGnn(graph.adjacency, features, f, { ...settings.spacegnn, spaces: spacesOf(kind), distanceWeights: kind !== 'spacegnn-no-weights' }, seed);
  }
}
