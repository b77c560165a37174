/**
 * The whole default set: every task model and the multi-task reference (`DEFAULT_TASK_MODELS`), the
 * backdoored language model and the SST-2 classifier fine-tuned from it. With `workers` > 1 each
 * model is one task of a worker pool (tfjs's wasm backend runs one thread, so a second worker uses
 * the second core): the backdoor's continued pre-training first (the longest chain), the backdoored
 * classifier as soon as its language model exists. Every model is computed exactly as in one
 * process (the same seeds and batches; a test compares the weights) and cached when it finishes; a
 * stopped run keeps the finished models and each unfinished one's last saved state.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerPool } from '../../../util/index.ts';
import type { LlamaWeights } from '../checkpoint.ts';
import { buildDefaultTaskModels, cachedTaskModelDir, DEFAULT_TASK_MODELS, isTaskModel, type BuildContext, type TaskModelSpec } from '../tasks/index.ts';
import { BACKDOOR_FILE, BACKDOORED_SPEC, buildBackdooredClassifier, cachedBackdoorDir } from './backdoor-build.ts';
import { DEFAULT_BACKDOOR, type BackdoorOptions } from './backdoor.ts';

/** The name the backdoored classifier goes by in the set. */
export const BACKDOORED_NAME = 'sst2-backdoored';

export interface DefaultSetRecipes {
  readonly specs: readonly TaskModelSpec[];
  readonly backdoor: BackdoorOptions;
  /** The backdoored classifier's recipe (the clean SST-2 model's). */
  readonly backdoored: TaskModelSpec;
}

export const DEFAULT_SET: DefaultSetRecipes = { specs: DEFAULT_TASK_MODELS, backdoor: DEFAULT_BACKDOOR, backdoored: BACKDOORED_SPEC };

export type DefaultSetJob = { readonly kind: 'task'; readonly spec: TaskModelSpec } | { readonly kind: 'backdoor' } | { readonly kind: 'backdoored' };

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
    return backdoored ? dirs.set(BACKDOORED_NAME, backdoored.dir) : undefined;
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
    const backdoored = (lmMissing ? run({ kind: 'backdoor' }) : Promise.resolve('')).then((lm) => (lm === undefined ? undefined : run({ kind: 'backdoored' })));
    const tasks = Promise.all(missing.map((spec) => run({ kind: 'task', spec })));
    const done = await Promise.race([Promise.all([tasks, backdoored]), stopped]);
    if (!done || done[0].some((d) => d === undefined) || done[1] === undefined) return undefined;
  } finally {
    clearInterval(poll);
    await pool.close();
  }
  // Everything is in the cache now: the sequential path only reads it.
  return buildDefaultSet(ctx, () => {}, 1, recipes);
}
