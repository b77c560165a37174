/**
 * The whole default set: every task model and the multi-task reference (`DEFAULT_TASK_MODELS`), the
 * backdoored language model, the SST-2 classifier fine-tuned from it on clean data (the victim, the
 * clean SST-2 model's recipe) and the base classifier of certification (the victim fine-tuned further
 * on masked copies, as RanMASK and RS-Del train theirs). With `workers` > 1 each
 * model is one task of a worker pool (tfjs's wasm backend runs one thread, so a second worker uses
 * the second core): the backdoor's continued pre-training first (the longest chain), then the victim,
 * then the masked-copies classifier. Every model is computed exactly as in one
 * process (the same seeds and batches; a test compares the weights) and cached when it finishes; a
 * stopped run keeps the finished models and each unfinished one's last saved state.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerPool } from '../../../util/index.ts';
import type { LlamaWeights } from '../checkpoint.ts';
import { buildDefaultTaskModels, cachedTaskModelDir, DEFAULT_TASK_MODELS, isTaskModel, type BuildContext, type TaskModelSpec } from '../tasks/index.ts';
import { BACKDOOR_FILE, BACKDOORED_SPEC, buildBackdooredClassifier, buildMaskedClassifier, cachedBackdoorDir, MASKED_BACKDOORED_SPEC } from './backdoor-build.ts';
import { DEFAULT_BACKDOOR, type BackdoorOptions } from './backdoor.ts';

/** The names the backdoored classifiers go by in the set. */
export const BACKDOORED_NAME = 'sst2-backdoored';
export const MASKED_BACKDOORED_NAME = 'sst2-backdoored-masked';

export interface DefaultSetRecipes {
  readonly specs: readonly TaskModelSpec[];
  readonly backdoor: BackdoorOptions;
  /** The backdoored classifier's recipe (the clean SST-2 model's). */
  readonly backdoored: TaskModelSpec;
  /** The masked-copies classifier's recipe (certification's base classifier, continuing the victim). */
  readonly backdooredMasked: TaskModelSpec;
}

export const DEFAULT_SET: DefaultSetRecipes = { specs: DEFAULT_TASK_MODELS, backdoor: DEFAULT_BACKDOOR, backdoored: BACKDOORED_SPEC, backdooredMasked: MASKED_BACKDOORED_SPEC };

export type DefaultSetJob = { readonly kind: 'task'; readonly spec: TaskModelSpec } | { readonly kind: 'backdoor' } | { readonly kind: 'backdoored' } | { readonly kind: 'masked' };

/** What a worker needs to rebuild the build context (the tokenizer is read from its file). */
export interface DefaultSetTask {
  readonly job: DefaultSetJob;
  readonly recipes: DefaultSetRecipes;
  readonly base: LlamaWeights;
  readonly baseKey: string;
  readonly tokenizerFile: string;
  readonly dataRoot: string;
  readonly command: string;
}

export interface DefaultSetTaskResult {
  /** The model's folder; undefined when stopped. */
  readonly dir?: string;
  readonly lines: readonly string[];
}

/** Builds every model of the set missing from the cache; their folders by name, undefined when stopped. */
export async function buildDefaultSet(ctx: BuildContext, log: (line: string) => void, workers = 1, recipes: DefaultSetRecipes = DEFAULT_SET): Promise<Map<string, string> | undefined> {
  if (workers <= 1) {
    const dirs = await buildDefaultTaskModels(ctx, log, recipes.specs);
    const backdoored = dirs && (await buildBackdooredClassifier(ctx, log, recipes.backdoor, recipes.backdoored));
    const masked = backdoored && (await buildMaskedClassifier(ctx, log, recipes.backdoor, recipes.backdoored, recipes.backdooredMasked));
    return masked ? dirs.set(BACKDOORED_NAME, backdoored.dir).set(MASKED_BACKDOORED_NAME, masked.dir) : undefined;
  }
  const missing = recipes.specs.filter((s) => !isTaskModel(cachedTaskModelDir(s, ctx.baseKey)));
  const lmMissing = !existsSync(join(cachedBackdoorDir(recipes.backdoor, ctx.baseKey), BACKDOOR_FILE));
  const pool = new WorkerPool<DefaultSetTask, DefaultSetTaskResult>(new URL('./default-set-task.ts', import.meta.url), Math.min(workers, missing.length + 1));
  const run = async (job: DefaultSetJob) => {
    const r = await pool.run({ job, recipes, base: ctx.base, baseKey: ctx.baseKey, tokenizerFile: ctx.tokenizerFile, dataRoot: ctx.dataRoot, command: ctx.command });
    r.lines.forEach((l) => log(l));
    return r.dir;
  };
  let poll: NodeJS.Timeout | undefined;
  const stopped = new Promise<undefined>((resolve) => { poll = setInterval(() => ctx.stop?.requested && resolve(undefined), 200); });
  try {
    const lm = lmMissing ? run({ kind: 'backdoor' }) : Promise.resolve('');
    const backdoored = lm.then((d) => (d === undefined ? undefined : run({ kind: 'backdoored' }))).then((d) => (d === undefined ? undefined : run({ kind: 'masked' })));
    const tasks = missing.map((spec) => run({ kind: 'task', spec }));
    const done = await Promise.race([Promise.all([backdoored, ...tasks]), stopped]);
    if (!done || done.some((d) => d === undefined)) return undefined;
  } finally {
    clearInterval(poll);
    await pool.close();
  }
  // Everything is in the cache now: the sequential path only reads it.
  return buildDefaultSet(ctx, () => {}, 1, recipes);
}
