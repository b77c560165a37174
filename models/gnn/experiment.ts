import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentCache, ProgressBar, contentHash, dataPath } from '../../util/index.ts';
import { manifestFile } from '../common/index.ts';
import type { ArrayEvaluation } from './array-inference.ts';
import { type ModelKind, isSpaceGnnVariant } from './models.ts';
import type { GnnSettings } from './settings.ts';
import type { RunResult } from './train.ts';

/**
 * Bumped whenever a change alters what a run computes, so cached runs of older code are not reused;
 * one number per model family, so a change to SpaceGNN does not rerun the baselines.
 */
export const runVersion = { protocol: 1, spacegnn: 1, baseline: 1 } as const;

/** Which GemmBackend scores the graph after training (see `backendFromFlags`). */
export interface ArraySpec {
  readonly on: string;
  readonly array?: string;
  readonly group?: string | number;
  readonly scheme?: string;
}

/** One run of the protocol: a model on a data set with one seed (labels, weights and dropout). */
export interface RunSpec {
  readonly dataset: string;
  readonly model: ModelKind;
  readonly seed: number;
  readonly settings: GnnSettings;
  /** Also score every node with the products on this backend (the array's AUC and cost). */
  readonly array?: ArraySpec;
  /** Write the trained weights here (checkpoint.json + weights.bin). */
  readonly checkpointDir?: string;
}

export interface RunRecord extends RunResult {
  readonly dataHash: string;
  readonly backend: string;
  readonly array?: ArrayEvaluation;
}

/** sha256 (prefix) of a shared graph's three binary files: the same bytes `readAnomalyGraph` hashes. */
export function graphDataHash(dataset: string): string {
  const h = createHash('sha256');
  for (const f of ['x.f32', 'edges.i32', 'y.u8']) h.update(readFileSync(dataPath('graphs', dataset, f)));
  return h.digest('hex').slice(0, 16);
}

/** The cache key of a run: data, model, seed, the settings that model uses, the array, the code version. */
export function runKey(spec: RunSpec, dataHash: string): string {
  const family = isSpaceGnnVariant(spec.model) ? 'spacegnn' : 'baseline';
  const settings = family === 'spacegnn' ? spec.settings.spacegnn : spec.settings.baseline;
  return contentHash('gnn-run', runVersion.protocol, runVersion[family], spec.dataset, dataHash, spec.model, spec.seed, settings, spec.array ?? null);
}

export interface ExperimentOptions {
  /** Runs one spec (in a worker of the local pool, or elsewhere); the caller owns it. */
  readonly execute: (spec: RunSpec) => Promise<RunRecord>;
  readonly label?: string;
  readonly quiet?: boolean;
  readonly cache?: ContentCache<RunRecord>;
  readonly onRecord?: (record: RunRecord, cached: boolean) => void;
  /** Run nothing: return only the specs already in the cache (a partial experiment's figures so far). */
  readonly cachedOnly?: boolean;
}

/**
 * Runs every spec not already in the cache, storing each result as soon as it finishes, so an
 * interrupted experiment resumes where it stopped. Results keep the order of `specs` (with
 * `cachedOnly`, those of the specs that have finished).
 */
export async function runExperiments(specs: readonly RunSpec[], o: ExperimentOptions): Promise<RunRecord[]> {
  const cache = o.cache ?? new ContentCache<RunRecord>('gnn-runs');
  const hashes = new Map<string, string>();
  const hashOf = (d: string) => hashes.get(d) ?? (hashes.set(d, graphDataHash(d)), hashes.get(d)!);
  const keys = specs.map((s) => runKey(s, hashOf(s.dataset)));
  const records: (RunRecord | undefined)[] = specs.map((s, i) => {
    const checkpointMissing = s.checkpointDir !== undefined && !existsSync(join(s.checkpointDir, manifestFile));
    return checkpointMissing ? undefined : cache.get(keys[i]);
  });
  const bar = new ProgressBar(o.label ?? 'gnn runs', specs.length, process.stderr, o.quiet);
  bar.skip(records.filter(Boolean).length);
  records.forEach((r) => r && o.onRecord?.(r, true));
  if (o.cachedOnly) return records.filter((r): r is RunRecord => r !== undefined);
  await Promise.all(specs.map(async (spec, i) => {
    if (records[i]) return;
    const record = await o.execute(spec);
    cache.put(keys[i], record);
    records[i] = record;
    o.onRecord?.(record, false);
    bar.tick(1, `${spec.model} ${spec.dataset} seed ${spec.seed}`);
  }));
  bar.finish();
  return records as RunRecord[];
}

export interface MeanStd {
  readonly mean: number;
  /** Population standard deviation (NumPy's default), 0 for one run. */
  readonly std: number;
}

export function meanStd(values: readonly number[]): MeanStd {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) };
}

export interface ModelSummary {
  readonly auc: MeanStd;
  readonly f1: MeanStd;
  readonly runs: number;
  readonly seeds: readonly number[];
  /**
   * Over the runs also scored on the array: their test AUC / F1 as the array computed them, the same
   * runs' float32 AUC, and the mean cost of one pass over the graph.
   */
  readonly array?: {
    readonly backend: string; readonly runs: number; readonly auc: MeanStd; readonly f1: MeanStd; readonly floatAuc: MeanStd;
    readonly cycles: number; readonly energyJ: number; readonly seconds: number; readonly macs: number;
  };
}

/** `{ dataset: { model: { auc: {mean, std}, f1: {mean, std}, ... } } }` over the records' seeds. */
export function summarize(records: readonly RunRecord[]): Record<string, Record<string, ModelSummary>> {
  const groups = new Map<string, Map<string, RunRecord[]>>();
  for (const r of records) {
    const byModel = groups.get(r.dataset) ?? new Map<string, RunRecord[]>();
    groups.set(r.dataset, byModel);
    byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  }
  const out: Record<string, Record<string, ModelSummary>> = {};
  for (const [dataset, byModel] of groups) {
    out[dataset] = {};
    for (const [model, runs] of byModel) {
      const withArray = runs.filter((r) => r.array);
      const arrays = withArray.map((r) => r.array!);
      const mean = (f: (a: ArrayEvaluation) => number) => arrays.reduce((s, a) => s + f(a), 0) / arrays.length;
      out[dataset][model] = {
        auc: meanStd(runs.map((r) => r.test.auc)),
        f1: meanStd(runs.map((r) => r.test.f1)),
        runs: runs.length,
        seeds: runs.map((r) => r.seed),
        array: arrays.length === 0 ? undefined : {
          backend: arrays[0].backend,
          runs: arrays.length,
          auc: meanStd(arrays.map((a) => a.test.auc)),
          floatAuc: meanStd(withArray.map((r) => r.test.auc)),
          f1: meanStd(arrays.map((a) => a.test.f1)),
          cycles: mean((a) => a.cost.cycles),
          energyJ: mean((a) => a.cost.energy.total),
          seconds: mean((a) => a.cost.seconds),
          macs: mean((a) => a.macs),
        },
      };
    }
  }
  return out;
}
