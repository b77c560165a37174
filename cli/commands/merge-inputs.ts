/** The task models `merge` works on: given folders, or the default set (built first when missing). */
import { freshHeldOut, isTaskName, loadTask, readTaskModel, buildDefaultTaskModels, TEST_CAP, type TaskModel, type TaskName } from '../../models/llm/tasks/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import { runMergeExperiment, type MergeExperiment, type MergeInputs, type MergeMethod } from '../../models/llm/merge/index.ts';
import { withStopSignal } from '../stop-signal.ts';
import { UserError, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import type { FlagSpec } from '../flags.ts';
import { taskBuildContext, taskDataFlag } from './llm-finetune-context.ts';

export const mergeInputFlags = [
  { name: 'models', kind: 'string', valueName: 'DIR,DIR,...', help: 'task models from `llm finetune` (one per task; more folders may follow as arguments: --models A B C; default: the default set, built first when missing)' },
  { name: 'multitask', kind: 'string', valueName: 'DIR', help: 'the multi-task reference model (default: the default set\'s, when --models is not given)' },
  taskDataFlag,
  { name: 'dev', kind: 'int', default: 100, valueName: 'N', help: 'dev examples per task for tuning (the first N of the fixed seeded dev sample; the whole dev set when smaller)' },
  { name: 'test', kind: 'int', default: TEST_CAP, valueName: 'N', help: 'test examples per task (a seeded sample whose first 400 are the task models\' own test sample; the whole test set when smaller)' },
  { name: 'fresh', kind: 'boolean', help: 'score on N fresh held-out examples per task instead (--test N): SST-2\'s dev file beyond the dev sample, AG News\'s and the style task\'s test sets beyond their first 1,000; texts also in a training split or an earlier sample left out' },
] as const satisfies readonly FlagSpec[];

/** The flags with the command's arguments added to --models (`--models A B C` as well as `--models A,B,C`). */
export function withModelArgs<F extends { models?: string }>(flags: F, positionals: readonly string[]): F {
  if (positionals.length === 0) return flags;
  return { ...flags, models: [flags.models, ...positionals].filter(Boolean).join(',') };
}

/** Undefined when stopped (Ctrl-C) while building the default set. */
export async function mergeInputs(flags: { models?: string; multitask?: string; data?: string; dev: number; test: number; fresh: boolean }, stop: { requested: boolean }, log: (line: string) => void): Promise<MergeInputs | undefined> {
  const ctx = taskBuildContext(flags.data, stop);
  let models: TaskModel[];
  let multitask: TaskModel | undefined;
  if (flags.models) {
    models = flags.models.split(',').filter(Boolean).map((d) => readTaskModel(d));
    if (flags.multitask) multitask = readTaskModel(flags.multitask, '--multitask');
  } else {
    const dirs = await buildDefaultTaskModels(ctx, log);
    if (!dirs) return undefined;
    models = [...dirs].filter(([n]) => n !== 'multitask').map(([, d]) => readTaskModel(d));
    multitask = readTaskModel(flags.multitask ?? dirs.get('multitask')!, '--multitask');
  }
  for (const [v, f] of [[flags.dev, '--dev'], [flags.test, '--test']] as const) if (!(v >= 1)) throw new UserError(`must be at least 1, got ${v}`, f);
  if (models.length < 2) throw new UserError('merging needs at least two task models', '--models', 'give two or more folders, comma-separated');
  const names = models.map((m) => m.task);
  for (const n of names) if (!isTaskName(n)) throw new UserError(`model for '${n}' is not a single-task model`, '--models', 'give one model per task (sst2, agnews, style)');
  if (new Set(names).size !== names.length) throw new UserError(`two models for the same task (${names.join(', ')})`, '--models', 'give one model per task');
  for (const m of models) {
    if (m.labelWords) throw new UserError(`${m.dir} scores label words; merging keeps each task's head`, '--models', 'merge models fine-tuned with --scoring head');
    if (m.tokenizer.id !== ctx.tokenizer.id || JSON.stringify(m.weights.config) !== JSON.stringify(ctx.base.config)) throw new UserError(`${m.dir} is not a fine-tune of the shipped model`, '--models', 'fine-tune it with `tessera llm finetune`');
  }
  const tasks = (names as TaskName[]).map((n) => {
    const t = loadTask(n, ctx.dataRoot, { dev: flags.dev, test: flags.test });
    return flags.fresh ? { ...t, test: freshHeldOut(n, ctx.dataRoot, flags.test) } : t;
  });
  return { base: ctx.base, tokenizer: ctx.tokenizer, models, multitask, tasks };
}

/** The commands' common run: the inputs (building the default set when needed), then the experiment; undefined when stopped. */
export async function runMergeFromFlags(flags: { models?: string; multitask?: string; data?: string; dev: number; test: number; fresh: boolean }, methods: readonly MergeMethod[], withSpectra: boolean): Promise<{ inp: MergeInputs; r: MergeExperiment } | undefined> {
  setInterruptNote(`${cachedWorkNote('task models', 'task-models')} (the merge starts again)`);
  await selectBackend();
  const log = (line: string) => console.log(line);
  const inp = await withStopSignal((stop) => mergeInputs(flags, stop, log));
  if (!inp) { console.error('stopped; rerun the same command to resume'); return undefined; }
  return { inp, r: await runMergeExperiment(inp, methods, log, withSpectra) };
}
