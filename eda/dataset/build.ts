// Builds a QoR data set: every design through Yosys and N random recipes, in a worker pool, with
// a content-hash cache so a rerun after an interruption only does what is missing. The JSON Lines
// file is written once, atomically, in design order: no record lost or duplicated.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ContentCache, ProgressBar, UserError, WorkerTimeoutError, contentHash, pausePoint, writeFileAtomic } from '../../util/index.ts';
import { readLiberty, yosysVersion, type YosysBackend } from '../synth/index.ts';
import { RECIPE_FLOW_VERSION, aigBytes, randomRecipes } from '../synth/recipes/index.ts';
import { designQorStats } from './qor-stats.ts';
import type { DesignSource } from './corpus.ts';
import { localExecutor, timeoutMessage, type DesignExecutor } from './executor.ts';
import { DATASET_FORMAT, designHash, type DatasetRecord, type DesignJob, type DesignOutcome } from './record.ts';

export interface BuildOptions {
  designs: readonly DesignSource[];
  /** Random recipes per design (the same recipes for every design). */
  recipes: number;
  recipeLength?: number;
  seed: number;
  /** The JSON Lines output file. */
  out: string;
  /** Folder for the synthesized AIGs (binary AIGER); default `<out>.aigs`, false for none. */
  aigDir?: string | false;
  liberty?: string;
  backend?: YosysBackend;
  workers?: number;
  /** Per design: stop it after this many seconds and record it as failed, uncached (0 or omitted: no limit). */
  timeoutSeconds?: number;
  /**
   * Write only the designs an earlier (maybe still running) build has finished, computing nothing:
   * a usable partial data set while a long build goes on. The summary counts the others as `missing`.
   */
  cachedOnly?: boolean;
  /**
   * Computes the designs instead of this machine's worker threads (e.g. a queue across machines);
   * the caller closes it. Given one, `workers` is unused.
   */
  executor?: (yosys: string) => Promise<DesignExecutor>;
  /** Suppress the progress bar (tests). */
  quiet?: boolean;
}

export interface BuildSummary {
  records: number;
  ok: number;
  failed: number;
  /** Designs taken from the cache (finished by an earlier, maybe interrupted, run). */
  cached: number;
  /** With `cachedOnly`: designs left out because no run has finished them yet. */
  missing: number;
  seconds: number;
  yosys: string;
}

export async function buildDataset(options: BuildOptions): Promise<BuildSummary> {
  const start = Date.now();
  const backend = options.backend ?? 'wasm';
  const ids = new Set<string>();
  for (const d of options.designs) {
    if (ids.has(d.id)) throw new UserError(`design '${d.id}' appears twice in the corpus`, '--corpus');
    ids.add(d.id);
  }
  if (options.recipes < 0) throw new UserError('must be 0 or more', '--recipes');
  const timeout = options.timeoutSeconds ?? 0;
  if (!(timeout >= 0)) throw new UserError('must be 0 (no limit) or more seconds', '--timeout');
  const recipes = randomRecipes(options.recipes, options.recipeLength ?? 20, options.seed);
  const yosys = await yosysVersion(backend);
  const liberty = options.liberty ? { name: options.liberty.replace(/^.*\//, ''), path: options.liberty } : undefined;
  if (liberty && !existsSync(liberty.path)) throw new UserError(`Liberty file not found: ${liberty.path}`, '--liberty', "give a .lib or .lib.gz file, 'nangate45' or 'none'");
  const libertyHash = liberty ? contentHash(readFileSync(liberty.path)) : '';
  const cache = new ContentCache<DesignOutcome>('dataset');
  const keyOf = (d: DesignSource) => contentHash(DATASET_FORMAT, RECIPE_FLOW_VERSION, yosys, designHash(d), d.id, d.corpus, recipes, libertyHash, options.seed);

  const outcomes = new Map<string, DesignOutcome>();
  const pending: DesignSource[] = [];
  for (const d of options.designs) {
    // A file our reader refuses is never synthesized (and costs nothing to refuse again); failures
    // cached by earlier versions are retried like any failure.
    const hit = d.unreadable ? undefined : cache.get(keyOf(d));
    if (hit?.record.status === 'ok') outcomes.set(d.id, hit);
    else pending.push(d);
  }
  const missing = options.cachedOnly ? pending.splice(0).length : 0;
  const designs = options.designs.filter((d) => outcomes.has(d.id) || !options.cachedOnly);
  const progress = new ProgressBar('dataset', options.designs.length, process.stderr, options.quiet || options.cachedOnly);
  progress.skip(outcomes.size);
  if (pending.length > 0) {
    // Largest designs first, so the slowest job does not start last.
    const size = (d: DesignSource) => Object.values(d.files).reduce((n, f) => n + f.length, 0);
    pending.sort((a, b) => size(b) - size(a));
    // Read only when something is to be computed (a fully cached build needs no library).
    const libertyInput = liberty ? { name: liberty.name, text: readLiberty(liberty.path) } : undefined;
    const executor = options.executor ? await options.executor(yosys) : localExecutor(Math.max(1, Math.min(options.workers ?? 2, pending.length)));
    try {
      await Promise.all(
        pending.map(async (design) => {
          const job: DesignJob = { design, recipes, seed: options.seed, backend, ...(libertyInput ? { liberty: libertyInput } : {}), ...(timeout > 0 ? { timeoutSeconds: timeout } : {}) };
          let outcome: DesignOutcome;
          try {
            outcome = await executor.run(job, keyOf(design));
            // Only successes are kept: a rejection costs seconds to redo, and a fix in the tools or in
            // our corpus reading would not reach a cached failure.
            if (outcome.record.status === 'ok') {
              cache.put(keyOf(design), outcome);
              pausePoint('dataset-design-cached');
            }
          } catch (e) {
            // A timeout, a crashed worker or a tool failure Yosys did not report: recorded, and retried next run.
            const error = e instanceof WorkerTimeoutError ? timeoutMessage(job) : String((e as Error).message ?? e);
            outcome = { record: { id: design.id, corpus: design.corpus, status: 'failed', designHash: designHash(design), tools: { yosys, tessera_dataset: DATASET_FORMAT }, seed: options.seed, error } };
          }
          outcomes.set(design.id, outcome);
          progress.tick(1, design.id);
        }),
      );
    } finally {
      if (!options.executor) await executor.close();
    }
  }
  progress.finish();
  const records = designs.map((d) => outcomes.get(d.id)!.record);
  const aigDir = options.aigDir === false ? undefined : (options.aigDir ?? `${options.out.replace(/\.jsonl?$/, '')}.aigs`);
  const lines = designs.map((d) => {
    const { record: built, aag } = outcomes.get(d.id)!;
    // Computed here rather than in the worker, so cached outcomes gain it too.
    const record: DatasetRecord = built.trajectories?.length ? { ...built, qorStats: designQorStats(built.trajectories) } : built;
    if (!aigDir || !aag || !record.aig) return JSON.stringify(record);
    // The same bytes the recipes started from: `abc -c "read FILE; strash; <recipe>"` replays a trajectory.
    const file = join(aigDir, `${d.id.replace(/[^\w.-]+/g, '__')}.aig`);
    writeFileAtomic(file, aigBytes(aag, file));
    return JSON.stringify({ ...record, aig: { ...record.aig, file: relative(dirname(options.out), file) } } satisfies DatasetRecord);
  });
  writeFileAtomic(options.out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  const ok = records.filter((r) => r.status === 'ok').length;
  return { records: records.length, ok, failed: records.length - ok, cached: designs.length - pending.length, missing, seconds: (Date.now() - start) / 1000, yosys };
}
