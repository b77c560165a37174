import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { selectBackend } from '../../models/common/index.ts';
import { buildDefaultSet } from '../../models/llm/robust/index.ts';
import { buildTaskModel, DEFAULT_FINETUNE, isTaskName, LABEL_WORDS, readTaskModel, TASK_NAMES, type TaskName } from '../../models/llm/tasks/index.ts';
import { exitCodeOf, UserError, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { withStopSignal } from '../stop-signal.ts';
import { taskBuildContext, taskDataFlag } from './llm-finetune-context.ts';

const d = DEFAULT_FINETUNE;

export default defineCommand({
  path: ['llm', 'finetune'],
  summary: 'fine-tune the shipped LM on a classification task (SST-2, AG News, style; whole model or LoRA, mean-pooled head); resumable, seeded',
  details: `--task NAME fine-tunes the shipped model on one task (${TASK_NAMES.join(', ')}) or on all of them at once
('multitask': one backbone, the tasks' heads side by side) and writes DIR: the backbone as an engine
checkpoint (model.json, weights.bin, tokenizer.json) and task.json (labels, head, dev and test
accuracy). Inputs are BOS + the text's tokens cut to --max-tokens; the head reads the mean of the
final hidden states, or with --scoring label-words the text is followed by a prompt (' It was' for
SST-2) and the class logits are the LM's logits of each class's label word ('bad', 'good'). The state is saved every 10 steps (and on Ctrl-C): rerunning resumes.
--tasks default builds the default set (every task, the multi-task reference, and the SST-2
classifier fine-tuned from a copy of the LM with a backdoor planted in continued pre-training) into
the cache, where \`merge\` and \`certify\` find them; models already built are kept. --workers N builds
N models at once (one per core by default; every model comes out as it would alone).
example: tessera llm finetune --task sst2 --out out/sst2
example: tessera llm finetune --task agnews --lora 8 --out out/agnews-lora
example: tessera llm finetune --task sst2 --scoring label-words --out out/sst2-words
example: tessera llm finetune --tasks default`,
  flags: [
    { name: 'task', kind: 'string', valueName: 'NAME', help: `${TASK_NAMES.join(', ')} or multitask` },
    { name: 'tasks', kind: 'string', valueName: 'SET', choices: ['default'], help: 'build the default set of task models into the cache' },
    { name: 'out', kind: 'string', valueName: 'DIR', help: 'folder for the task model (with --task)' },
    taskDataFlag,
    { name: 'steps', kind: 'int', default: d.steps, valueName: 'N', help: 'optimizer steps' },
    { name: 'batch', kind: 'int', default: d.batch, valueName: 'N', help: 'examples per step' },
    { name: 'lr', kind: 'number', default: d.lr, valueName: 'RATE', help: 'peak learning rate (AdamW)' },
    { name: 'max-tokens', kind: 'int', default: d.maxTokens, valueName: 'N', help: 'tokens per input (BOS included); longer inputs are cut' },
    { name: 'lora', kind: 'int', default: 0, valueName: 'RANK', help: 'train LoRA adapters of this rank (alpha 2 x rank) and the head instead of the whole model (0: whole model)' },
    { name: 'train-blocks', kind: 'int', default: d.trainBlocks, valueName: 'K', help: 'train the last K blocks, the final norm and the head (the number of blocks: the whole model)' },
    { name: 'scoring', kind: 'string', default: 'head', choices: ['head', 'label-words'], help: 'a linear head on the mean of the final hidden states, or the LM\'s own logits of each class\'s label word after a prompt (one task)' },
    { name: 'weight-noise', kind: 'number', default: 0, valueName: 'SIGMA', help: 'Gaussian noise on the weight matrices at every step (parameter smoothing)' },
    { name: 'mask-rate', kind: 'number', default: 0, valueName: 'Q', help: 'drop each word of a training text with probability Q (training on masked copies, as certification by masking smooths)' },
    { name: 'seed', kind: 'int', default: d.seed, valueName: 'S', help: 'seed of the head, the batches and the noise' },
    { name: 'workers', kind: 'int', default: availableParallelism(), valueName: 'N', help: 'with --tasks default: models built at once (each on its own core)' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the model\'s metrics as JSON' },
  ],
  async run(flags) {
    setInterruptNote(flags.out ? `the state saved every 10 steps is kept in ${join(flags.out, 'finetune-state')}; rerun the same command to resume` : cachedWorkNote('task models (and the current one\'s saved state)', 'task-models', 'backdoor-lm'));
    if (!flags.task === !flags.tasks) throw new UserError('give exactly one of --task NAME or --tasks default', '--task');
    for (const [v, f] of [[flags.steps, '--steps'], [flags.batch, '--batch'], [flags['max-tokens'], '--max-tokens']] as const) if (!(v >= 1)) throw new UserError(`must be at least 1, got ${v}`, f);
    if (!(flags['mask-rate'] >= 0 && flags['mask-rate'] < 1)) throw new UserError(`must be in [0, 1), got ${flags['mask-rate']}`, '--mask-rate');
    if (flags['max-tokens'] < 2) throw new UserError('must be at least 2 (BOS and one token)', '--max-tokens');
    await selectBackend();
    return withStopSignal(async (stop) => {
      const ctx = taskBuildContext(flags.data, stop);
      const log = (line: string) => console.log(line);
      if (flags.tasks) {
        if (!(flags.workers >= 1)) throw new UserError(`must be at least 1, got ${flags.workers}`, '--workers');
        const dirs = await buildDefaultSet(ctx, log, flags.workers);
        if (!dirs) { console.error('stopped; rerun the same command to resume'); return exitCodeOf(stop.signal); }
        const summary = Object.fromEntries([...dirs].map(([name, dir]) => [name, { dir, metrics: readTaskModel(dir).metrics }]));
        for (const [name, s] of Object.entries(summary)) console.log(`${name}: ${s.dir}`);
        if (flags.json) writeJsonAtomic(flags.json, summary);
        return 0;
      }
      const name = flags.task!;
      if (!flags.out) throw new UserError('--task needs --out DIR', '--out');
      const tasks: TaskName[] = name === 'multitask' ? [...TASK_NAMES] : isTaskName(name) ? [name] : [];
      if (tasks.length === 0) throw new UserError(`unknown task '${name}'`, '--task', `give one of ${TASK_NAMES.join(', ')}, multitask`);
      const options = {
        ...d, steps: flags.steps, batch: flags.batch, lr: flags.lr, maxTokens: flags['max-tokens'], seed: flags.seed, weightNoise: flags['weight-noise'], maskRate: flags['mask-rate'] > 0 ? flags['mask-rate'] : undefined, trainBlocks: flags['train-blocks'],
        lora: flags.lora > 0 ? { rank: flags.lora, alpha: 2 * flags.lora } : undefined,
        labelWords: flags.scoring === 'label-words' ? (tasks.length === 1 ? LABEL_WORDS[tasks[0]] : undefined) : undefined,
      };
      if (flags.scoring === 'label-words' && tasks.length !== 1) throw new UserError('label-word scoring fine-tunes one task at a time', '--scoring', 'give --task sst2, agnews or style');
      if (!(await buildTaskModel({ name, tasks, options }, flags.out, ctx, log))) { console.error('stopped; rerun the same command to resume'); return exitCodeOf(stop.signal); }
      const m = readTaskModel(flags.out);
      if (flags.json) writeJsonAtomic(flags.json, { task: name, dir: flags.out, metrics: m.metrics });
      return 0;
    });
  },
});
