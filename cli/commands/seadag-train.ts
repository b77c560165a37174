import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { commandLine } from './seadag-command-line.ts';
import { UserError, writeFileAtomic, writeJsonAtomic, setInterruptNote } from '../../util/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import {
  DEFAULT_CANVAS_NEIGHBOURS, DEFAULT_DIFFUSION_SETTINGS, SEADAG_METHODS, SETTING_NAMES, datasetHash, readDataset, trainAutoregressive, trainDiffusion,
  type DiffusionVariant, type SeadagMethod, type SettingName,
} from '../../models/gen/seadag/index.ts';

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;
/** The command that wrote a run or checkpoint folder (its train.json), for the record of a run started from it. */
const commandIn = (dir: string) => (existsSync(join(dir, 'train.json')) ? readJson<{ command?: string }>(join(dir, 'train.json')).command : undefined);

export default defineCommand({
  path: ['seadag', 'train'],
  summary: 'train SeaDAG (layer-wise discrete graph diffusion for truth table -> AIG), an ablation, or the autoregressive baseline',
  details: `Trains on the training split of a data set from 'tessera seadag data' (tfjs, wasm backend), seeded and
resumable: the weights, the optimizer state and the step are saved to DIR/train-state every --checkpoint-every
steps, and rerunning the same command continues from there. DIR gets checkpoint.json + weights.bin (what
'tessera seadag eval' and 'tessera generate circuit' load), train-log.jsonl and train.json (command, data hash,
settings, seconds).
methods: seadag (the full model), uniform-timesteps (one timestep for all levels), no-condition-loss (lambda 0),
autoregressive (one AND at a time, the same encoder).
example: tessera seadag train --setting 4x1 --data out/seadag/4x1.jsonl --method seadag --out out/seadag/4x1/seadag`,
  flags: [
    { name: 'setting', kind: 'string', choices: SETTING_NAMES, required: true, help: 'inputs x outputs' },
    { name: 'data', kind: 'string', required: true, valueName: 'FILE', help: "pairs from 'tessera seadag data'" },
    { name: 'method', kind: 'string', choices: SEADAG_METHODS, default: 'seadag', help: 'the model or baseline to train' },
    { name: 'out', kind: 'string', required: true, valueName: 'DIR', help: 'checkpoint folder (resumed when it holds a saved state of the same run)' },
    { name: 'steps', kind: 'int', default: DEFAULT_DIFFUSION_SETTINGS.steps, valueName: 'N', help: 'optimizer steps' },
    { name: 'batch', kind: 'int', default: DEFAULT_DIFFUSION_SETTINGS.batch, valueName: 'B', help: 'graphs per step' },
    { name: 'hidden', kind: 'int', default: DEFAULT_DIFFUSION_SETTINGS.hidden, valueName: 'D', help: 'width of the node embeddings' },
    { name: 'layers', kind: 'int', default: DEFAULT_DIFFUSION_SETTINGS.layers, valueName: 'L', help: 'message-passing layers' },
    { name: 'lambda', kind: 'number', default: DEFAULT_DIFFUSION_SETTINGS.lambda, valueName: 'X', help: 'weight of the condition loss (seadag and uniform-timesteps)' },
    { name: 'learning-rate', kind: 'number', default: DEFAULT_DIFFUSION_SETTINGS.learningRate, valueName: 'X', help: 'Adam step size' },
    { name: 'warmup', kind: 'int', default: 0, valueName: 'N', help: 'linear learning-rate warm-up over the first N steps of this run (diffusion models)' },
    { name: 'final-learning-rate', kind: 'number', valueName: 'X', help: 'cosine decay of the learning rate to X at --steps (diffusion models; constant without it)' },
    { name: 'init-from', kind: 'string', valueName: 'DIR', help: "start from another run's saved state in DIR/train-state (weights, Adam moments, step; diffusion models)" },
    { name: 'init-weights', kind: 'string', valueName: 'DIR', help: "start from a checkpoint's weights and class marginals (e.g. a shipped one), fresh Adam moments, step 0 (diffusion models)" },
    { name: 'sampled-canvases', kind: 'number', default: 0, valueName: 'P', help: "embed a share P of the training graphs in canvases drawn as the sampler draws them, where they fit (diffusion models)" },
    { name: 'npn-variants', kind: 'number', default: 0, valueName: 'P', help: 'replace a share P of the training pairs by a random NPN transform of the function and of its circuit (diffusion models)' },
    { name: 'distinct-classes', kind: 'boolean', help: 'draw each batch from distinct NPN classes (diffusion models)' },
    { name: 'validate', kind: 'boolean', help: 'log the loss on fixed validation batches at every saved step (diffusion models)' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the weights and of every batch' },
    { name: 'checkpoint-every', kind: 'int', default: DEFAULT_DIFFUSION_SETTINGS.checkpointEvery, valueName: 'N', help: 'steps between saved training states' },
  ],
  async run(flags) {
    setInterruptNote(`the last saved training state is kept in ${flags.out}; rerun the same command to resume`);
    const setting = flags.setting as SettingName;
    const method = flags.method as SeadagMethod;
    for (const f of ['steps', 'batch', 'hidden', 'layers', 'checkpoint-every'] as const) if (flags[f] < 1) throw new UserError('must be at least 1', `--${f}`);
    if (!(flags.lambda >= 0)) throw new UserError('must be 0 or more', '--lambda');
    if (!(flags['learning-rate'] > 0)) throw new UserError('must be more than 0', '--learning-rate');
    if (flags.warmup < 0) throw new UserError('must be 0 or more', '--warmup');
    const finalRate = flags['final-learning-rate'];
    if (finalRate !== undefined && !(finalRate >= 0)) throw new UserError('must be 0 or more', '--final-learning-rate');
    const share = flags['sampled-canvases'];
    if (!(share >= 0 && share <= 1)) throw new UserError('must be between 0 and 1', '--sampled-canvases');
    const variants = flags['npn-variants'];
    if (!(variants >= 0 && variants <= 1)) throw new UserError('must be between 0 and 1', '--npn-variants');
    const initWeights = flags['init-weights'];
    if (initWeights !== undefined && !existsSync(join(initWeights, 'checkpoint.json'))) throw new UserError(`no checkpoint.json in ${initWeights}`, '--init-weights', 'give a diffusion checkpoint folder, e.g. models/gen/seadag/checkpoints/4x1/seadag');
    if (initWeights !== undefined && flags['init-from'] !== undefined) throw new UserError('--init-from and --init-weights both choose the start', '--init-weights', 'give one of them');
    if (method === 'autoregressive' && (initWeights !== undefined || share > 0 || variants > 0)) throw new UserError('only diffusion models take it', initWeights !== undefined ? '--init-weights' : share > 0 ? '--sampled-canvases' : '--npn-variants', 'leave it out for the autoregressive baseline');
    const init = flags['init-from'];
    if (init !== undefined && !existsSync(join(init, 'train-state', 'checkpoint.json'))) throw new UserError(`no saved training state in ${init}/train-state`, '--init-from', 'give the --out folder of an earlier run of the same model');
    if (!existsSync(flags.data)) throw new UserError(`file not found: ${flags.data}`, '--data', "build it with 'tessera seadag data'");
    const records = readDataset(flags.data);
    const wrong = records.find((r) => r.setting !== setting);
    if (wrong) throw new UserError(`the data set holds ${wrong.setting} pairs, not ${setting}`, '--data', `pass a ${setting} data set or --setting ${wrong.setting}`);
    const train = records.filter((r) => r.split === 'train');
    if (train.length === 0) throw new UserError('the data set has no training pairs', '--data');
    const backend = await selectBackend();
    const t0 = performance.now();
    const common = { steps: flags.steps, batch: flags.batch, learningRate: flags['learning-rate'], hidden: flags.hidden, layers: flags.layers, seed: flags.seed, checkpointEvery: flags['checkpoint-every'] };
    const { model, history } = method === 'autoregressive'
      ? await trainAutoregressive(setting, train, common, flags.out)
      : await trainDiffusion(setting, train, {
        ...DEFAULT_DIFFUSION_SETTINGS, ...common, variant: method as DiffusionVariant, lambda: flags.lambda,
        ...(flags.warmup > 0 ? { warmup: flags.warmup } : {}), ...(finalRate !== undefined ? { finalRate } : {}), ...(init ? { init } : {}),
        ...(flags['distinct-classes'] ? { distinctClasses: true } : {}),
        ...(share > 0 ? { sampledCanvases: { share, neighbours: DEFAULT_CANVAS_NEIGHBOURS } } : {}), ...(initWeights ? { initWeights } : {}),
        ...(variants > 0 ? { npnVariants: variants } : {}),
      }, flags.out, false, flags.validate ? records.filter((r) => r.split === 'val') : []);
    model.save(flags.out);
    const seconds = history.length ? history[history.length - 1].seconds : (performance.now() - t0) / 1000;
    const command = commandLine('seadag train', flags);
    const info = {
      command, method, setting, dataHash: datasetHash(records), trainPairs: train.length, backend: backend.name, weights: model.params.count(),
      settings: common, trainSeconds: Math.round(seconds), finalLosses: history[history.length - 1]?.losses,
      // A run started from another's state or weights is reproduced by that run's command first, then this one.
      ...(init ? { initFrom: { dir: init, command: commandIn(init) } } : {}),
      ...(initWeights ? { initWeights: { dir: initWeights, command: commandIn(initWeights) } } : {}),
      ...(flags.validate ? { validation: history.filter((p) => p.validation).at(-1)?.validation } : {}),
    };
    writeJsonAtomic(join(flags.out, 'train.json'), info);
    writeFileAtomic(join(flags.out, 'README.md'), `# SeaDAG ${method} (${setting})\n\nWritten by \`${command}\` (${backend.name} backend, ${Math.round(seconds)} s of training).\n\n- data hash \`${info.dataHash}\`, ${train.length} training pairs\n- ${info.weights} weights\n- final losses: ${JSON.stringify(info.finalLosses)}\n\nMetrics: \`tessera seadag eval --setting ${setting}\` (see docs/seadag.md).\n`);
    console.log(`${method} ${setting}: ${info.weights} weights, ${history.length ? history[history.length - 1].step : 0} steps, ${Math.round(seconds)} s; checkpoint in ${flags.out}`);
    model.dispose();
  },
});
