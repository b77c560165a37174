import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { commandLine } from './seadag-command-line.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import {
  ArModel, DiffusionModel, GUIDED_SAMPLER, PLAIN_SAMPLER, SETTING_NAMES, autoregressiveGenerator, datasetHash, diffusionGenerator, evaluateGenerator,
  metricsMarkdown, readDataset, recordAig, recordFunction, SEADAG_METHODS, shippedModelDir, aigToCanvas, functionKey, canvasName, defaultCanvas,
  type CanvasSource, type Generator, type MethodMetrics, type SamplerOptions, type SettingName,
} from '../../models/gen/seadag/index.ts';

/**
 * The canvas a diffusion model samples on: the flags' choice (own widths, or --canvas-neighbours K, 0 being
 * the training prior), else the model's default (the conditioned prior when its checkpoint has the index).
 */
function canvasFor(model: DiffusionModel, dir: string, own: CanvasSource | undefined, neighbours: number | undefined): CanvasSource {
  if (own) return own;
  if (neighbours === undefined) return defaultCanvas(model);
  if (neighbours === 0) return { kind: 'prior' };
  if (!model.config.prior.bySignature) throw new UserError(`the checkpoint in ${dir} has no signature index for the conditioned canvas prior`, '--canvas-neighbours', `add it with 'tessera seadag canvas-index --data <its training data> --model ${dir}', or pass --canvas-neighbours 0`);
  return { kind: 'neighbours', k: neighbours };
}

/** The rows of the table: each trained method with the guided sampler (checks) and plain (the model alone), and the canvas each diffusion model used. */
function generators(root: string, setting: SettingName, plain: boolean, methods: readonly string[], guided: SamplerOptions, own: CanvasSource | undefined, neighbours: number | undefined): { gens: Generator[]; canvases: Record<string, string> } {
  const out: Generator[] = [];
  const canvases: Record<string, string> = {};
  const dir = (m: string) => join(root, setting, m);
  for (const m of ['seadag', 'uniform-timesteps', 'no-condition-loss'] as const) {
    if (!methods.includes(m) || !existsSync(join(dir(m), 'checkpoint.json'))) continue;
    const model = DiffusionModel.load(dir(m));
    const canvas = canvasFor(model, dir(m), own, neighbours);
    canvases[m] = canvasName(canvas);
    out.push(diffusionGenerator(`${m} (guided)`, model, guided, canvas));
    if (plain) out.push(diffusionGenerator(`${m} (plain)`, model, PLAIN_SAMPLER, canvas));
  }
  if (methods.includes('autoregressive') && existsSync(join(dir('autoregressive'), 'checkpoint.json'))) {
    const model = ArModel.load(dir('autoregressive'));
    out.push(autoregressiveGenerator('autoregressive (checked)', model, { rejectRedundant: true, exactOutputs: true }));
    if (plain) out.push(autoregressiveGenerator('autoregressive (plain)', model, { rejectRedundant: false, exactOutputs: false }));
  }
  return { gens: out, canvases };
}

export default defineCommand({
  path: ['seadag', 'eval'],
  summary: 'SeaDAG metrics on held-out functions for every trained method: validity, exact rate (1 and best of K), bit accuracy, ANDs/levels vs ABC',
  details: `For each setting, loads ROOT/<setting>/<method>/ (seadag, uniform-timesteps, no-condition-loss, autoregressive;
the shipped checkpoints by default) and runs every one on the held-out split of the setting's data set
(NPN classes never seen in training). Each function gets K samples; the single-sample figures use the first,
best-of-K takes the exact sample with the fewest ANDs (our exhaustive check chooses). "guided" is the sampler
with the property decoder (candidate levels scored by the decoded table, redundant ANDs redrawn, exact
outputs; gradient guidance with --guidance), still one sample per draw; "plain" is the model alone.
example: tessera seadag eval --setting 4x1 --data out/seadag/4x1.jsonl --json out/seadag/eval-4x1.json`,
  flags: [
    { name: 'setting', kind: 'string', choices: SETTING_NAMES, help: 'one setting (default: every setting with --data-dir files)' },
    { name: 'data', kind: 'string', valueName: 'FILE', help: "the setting's pairs from 'tessera seadag data' (with --setting)" },
    { name: 'data-dir', kind: 'string', default: 'out/seadag', valueName: 'DIR', help: 'where <setting>.jsonl data sets are found without --data' },
    { name: 'models', kind: 'string', valueName: 'ROOT', help: 'checkpoint root holding <setting>/<method>/ (default: the shipped checkpoints)' },
    { name: 'split', kind: 'string', choices: ['test', 'val', 'train'], default: 'test', help: 'split to score: test (held out), val (held out, for tuning), train (a fitting check)' },
    { name: 'samples', kind: 'int', default: 16, valueName: 'K', help: 'samples per function' },
    { name: 'limit', kind: 'int', default: 0, valueName: 'N', help: 'score N evenly spaced held-out functions (0: all)' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the samplers' },
    { name: 'guidance', kind: 'number', default: GUIDED_SAMPLER.guidance, valueName: 'G', help: 'guided sampler: strength of the gradient guidance by the property decoder (0: none)' },
    { name: 'candidates', kind: 'int', default: GUIDED_SAMPLER.candidates, valueName: 'C', help: 'guided sampler: draws of each level scored by the decoder, the best kept' },
    { name: 'temperature', kind: 'number', default: 1, valueName: 'T', help: 'guided sampler: fanin draws from the predicted weights to the power 1/T (below 1: sharper)' },
    { name: 'own-canvas', kind: 'boolean', help: "diagnostic: diffusion models fill each function's ABC level widths (padded as in training) instead of a canvas drawn from the prior" },
    { name: 'canvas-neighbours', kind: 'int', valueName: 'K', help: "diffusion models draw the canvas from the level widths of the K training graphs nearest to each function by an NPN-invariant signature; 0: from all training graphs (default: the model's default, docs/seadag.md)" },
    { name: 'plain', kind: 'boolean', help: 'also score every model with the plain sampler' },
    { name: 'methods', kind: 'string', valueName: 'LIST', help: `comma-separated subset of ${SEADAG_METHODS.join(', ')} (default: every trained one)` },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write every metric as JSON' },
  ],
  async run(flags) {
    if (flags.samples < 1) throw new UserError('must be at least 1', '--samples');
    if (flags.candidates < 1) throw new UserError('must be at least 1', '--candidates');
    if (!(flags.guidance >= 0)) throw new UserError('must be 0 or more', '--guidance');
    if (!(flags.temperature > 0)) throw new UserError('must be above 0', '--temperature');
    const neighbours = flags['canvas-neighbours'];
    if (neighbours !== undefined && neighbours < 0) throw new UserError('must be 0 (the training prior) or more', '--canvas-neighbours');
    if (neighbours !== undefined && flags['own-canvas']) throw new UserError('--own-canvas and --canvas-neighbours both choose the canvas', '--canvas-neighbours', 'give one of them');
    const guided: SamplerOptions = { ...GUIDED_SAMPLER, guidance: flags.guidance, candidates: flags.candidates, temperature: flags.temperature };
    if (flags.data && !flags.setting) throw new UserError('--data needs --setting', '--data', 'give --setting 4x1, 6x1 or 8x2 with it');
    const root = flags.models ?? shippedModelDir();
    const methods = flags.methods ? flags.methods.split(',').map((m) => m.trim()) : [...SEADAG_METHODS];
    const unknown = methods.find((m) => !(SEADAG_METHODS as readonly string[]).includes(m));
    if (unknown) throw new UserError(`unknown method '${unknown}'`, '--methods', `choose from ${SEADAG_METHODS.join(', ')}`);
    const settings = (flags.setting ? [flags.setting] : SETTING_NAMES) as SettingName[];
    await selectBackend(() => {});
    const results: Record<string, { dataHash: string; split: string; functions: number; canvases: Record<string, string>; metrics: MethodMetrics[] }> = {};
    for (const setting of settings) {
      const file = flags.data ?? join(flags['data-dir'], `${setting}.jsonl`);
      if (!existsSync(file)) {
        if (flags.setting) throw new UserError(`file not found: ${file}`, flags.data ? '--data' : '--data-dir', `build it with 'tessera seadag data --setting ${setting} --out ${file}'`);
        console.log(`${setting}: no data set at ${file}, skipped`);
        continue;
      }
      const records = readDataset(file);
      let held = records.filter((r) => r.split === flags.split && r.setting === setting);
      // Held-out picks are grouped by NPN class: a limit takes evenly spaced functions, so it spans the classes.
      if (flags.limit > 0 && held.length > flags.limit) held = Array.from({ length: flags.limit }, (_, i) => held[Math.floor((i * held.length) / flags.limit)]);
      if (held.length === 0) throw new UserError(`no ${flags.split} pairs of ${setting} in ${file}`, '--data');
      const widths = new Map(held.map((r) => [functionKey(recordFunction(r)), aigToCanvas(recordAig(r)).canvas.widths] as const));
      const own: CanvasSource | undefined = flags['own-canvas'] ? { kind: 'given', widthsOf: (t) => widths.get(functionKey(t)) } : undefined;
      const { gens, canvases } = generators(root, setting, flags.plain, methods, guided, own, neighbours);
      if (gens.length === 0) throw new UserError(`no trained ${setting} models under ${root}`, '--models', `train them with 'tessera seadag train --setting ${setting} ...'`);
      const metrics: MethodMetrics[] = [];
      for (const g of gens) metrics.push(await evaluateGenerator(g, held, flags.samples, flags.seed));
      results[setting] = { dataHash: datasetHash(records), split: flags.split, functions: held.length, canvases, metrics };
      const canvasText = Object.entries(canvases).map(([m, c]) => `${m}: ${c}`).join('; ');
      console.log(`\n### ${setting}: ${held.length} ${flags.split} functions, ${flags.samples} samples each (data ${datasetHash(records)}${canvasText ? `; canvas ${canvasText}` : ''})\n`);
      console.log(metricsMarkdown(metrics, flags.samples));
    }
    if (flags.json) writeJsonAtomic(flags.json, { command: commandLine('seadag eval', flags), models: root, samples: flags.samples, seed: flags.seed, results });
  },
});
