// The full comparison: every method trained on every split (or taken from an earlier run's
// checkpoint with the same data and settings: a rerun resumes) and scored on the split's test runs.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../../../util/index.ts';
import type { LsoDesign } from './data.ts';
import { meanRatioPredictions, predictRuns, scorePredictions, type MethodMetrics, type RunPrediction } from './evaluate.ts';
import { hasModel, loadModel, saveModel } from './model-io.ts';
import { predictsTrajectory, type DesignTensors, type Method } from './networks.ts';
import { makeSplit, type SplitName } from './splits.ts';
import { fitRecipeTermOf } from './recipe-term.ts';
import { trainModel, type TrainSettings, type TrainedModel } from './train.ts';

export interface SplitResult {
  readonly split: SplitName;
  readonly trainDesigns: number;
  readonly testDesigns: number;
  readonly testRuns: number;
  readonly methods: Partial<Record<Method, MethodMetrics & { trainSeconds: number; epochs: number }>>;
  /** No model: each test design's start times the mean ratio of the training runs (of the same design in Case I). */
  readonly meanRatio: MethodMetrics;
}

export interface ExperimentOptions {
  readonly designs: readonly LsoDesign[];
  readonly tensors: readonly DesignTensors[];
  readonly dataHash: string;
  readonly settings: TrainSettings;
  readonly splits: readonly SplitName[];
  readonly methods: readonly Method[];
  /** Checkpoints go to DIR/<split>/<method>/ (and a model's epoch state to DIR/<split>/<method>.state/ while it trains). */
  readonly dir: string;
  /** False: score the stored models whatever settings they were trained with, never train. */
  readonly train: boolean;
  /** Called with each model's test predictions (for plots). */
  readonly onPredictions?: (split: SplitName, method: Method, predictions: RunPrediction[]) => void;
  readonly log?: (line: string) => void;
}

/**
 * Identifies the settings a model was trained with. The recipe term is left out where it changes
 * nothing (off, or a method without it), so models trained before it existed keep their hash.
 */
export function settingsHash(s: TrainSettings, method?: Method): string {
  const { quiet: _quiet, recipeTerm, recipeInputs, weightDecay, rankWeight, ...rest } = s;
  const family = method === undefined || predictsTrajectory(method);
  // Settings added later enter the hash only when on, so models trained before them keep theirs.
  const added = { ...(recipeTerm && family ? { recipeTerm } : {}), ...(recipeInputs && family ? { recipeInputs } : {}), ...(weightDecay ? { weightDecay } : {}), ...(rankWeight ? { rankWeight } : {}) };
  return contentHash({ ...rest, ...added }).slice(0, 16);
}

/** Trains (or reloads) and scores each method on each split. */
export async function runExperiment(o: ExperimentOptions): Promise<SplitResult[]> {
  const log = o.log ?? (() => {});
  const results: SplitResult[] = [];
  for (const name of o.splits) {
    const split = makeSplit(name, o.designs, o.settings.seed);
    if (split.test.every((e) => e.runs.length === 0)) {
      log(`${name}: no test designs in this data set, skipped`);
      continue;
    }
    const ids = (set: typeof split.train) => [...new Set(set.filter((e) => e.runs.length > 0).map((e) => o.designs[e.design].id))];
    const methods: SplitResult['methods'] = {};
    for (const method of o.methods) {
      const dir = join(o.dir, name, method);
      let model: TrainedModel;
      let seconds: number;
      const stored = hasModel(dir) ? loadModel(dir) : undefined;
      const sameData = stored?.meta.dataHash === o.dataHash;
      const meta = (m: TrainedModel, secs: number) => ({ dataHash: o.dataHash, split: name, seed: o.settings.seed, trainDesigns: ids(split.train), settingsHash: settingsHash(o.settings, method), history: m.history, seconds: secs, ...(m.recipeTerm ? { recipeTerm: m.recipeTerm } : {}) });
      if (stored && (!o.train || (sameData && stored.meta.settingsHash === settingsHash(o.settings, method)))) {
        if (!sameData) log(`${name}/${method}: warning: trained on data ${stored.meta.dataHash}, scored on ${o.dataHash}`);
        model = stored;
        seconds = stored.meta.seconds;
        log(`${name}/${method}: from ${dir}`);
      } else if (stored && sameData && !stored.config.recipeTerm && o.settings.recipeTerm && predictsTrajectory(method) && stored.meta.settingsHash === settingsHash({ ...o.settings, recipeTerm: false }, method)) {
        // The same network trained without the recipe term: fit the term to it, the network's weights unchanged.
        const t0 = performance.now();
        model = fitRecipeTermOf(stored, o.designs, o.tensors, split.train, split.validation, o.settings);
        seconds = stored.meta.seconds + (performance.now() - t0) / 1000;
        saveModel(dir, model, meta(model, seconds));
        log(`${name}/${method}: network from ${dir}, recipe term fitted (scales ${model.recipeTerm!.scale.join(", ")})`);
      } else {
        const t0 = performance.now();
        const stateDir = `${dir}.state`;
        // The network's state: the epoch budget may change on a resume, and the recipe term comes after training.
        model = await trainModel(method, o.designs, o.tensors, split.train, split.validation, o.settings, stateDir, { dataHash: o.dataHash, split: name, settings: settingsHash({ ...o.settings, epochs: 0, recipeTerm: false }) });
        if (o.settings.recipeTerm && predictsTrajectory(method)) model = fitRecipeTermOf(model, o.designs, o.tensors, split.train, split.validation, o.settings);
        seconds = (performance.now() - t0) / 1000;
        rmSync(stateDir, { recursive: true, force: true });
        saveModel(dir, model, meta(model, seconds));
      }
      const predictions = predictRuns(model, o.designs, o.tensors, split.test);
      o.onPredictions?.(name, method, predictions);
      const metrics = scorePredictions(o.designs, predictions);
      methods[method] = { ...metrics, trainSeconds: seconds, epochs: model.history.trainLoss.length };
      log(`${name}/${method}: final MAPE nodes ${metrics.finalMape.nodes.toFixed(2)}% levels ${metrics.finalMape.levels.toFixed(2)}% area ${metrics.finalMape.area.toFixed(2)}% delay ${metrics.finalMape.delay.toFixed(2)}% (${seconds.toFixed(0)} s)`);
      model.params.dispose();
    }
    const meanRatio = scorePredictions(o.designs, meanRatioPredictions(o.designs, split.train, split.test));
    results.push({ split: name, trainDesigns: ids(split.train).length, testDesigns: ids(split.test).length, testRuns: split.test.reduce((n, e) => n + e.runs.length, 0), methods, meanRatio });
  }
  return results;
}
