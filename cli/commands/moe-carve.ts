import { defineCommand } from '../command.ts';
import { selectBackend } from '../../models/common/index.ts';
import { ArrayBackend, backendFromFlags } from '../../models/common/gemm/index.ts';
import { checkpointSplit, denseCheckpoint, loadModel, weightsKey } from '../../models/llm/index.ts';
import { compressionData, parseCmoeConfig, runCmoe, trainingWindows, writeCompressedCheckpoint } from '../../models/llm/compress/index.ts';
import { setInterruptNote, UserError, writeJsonAtomic } from '../../util/index.ts';
import { costArrayFlags, modelFlags } from './llm-flags.ts';

/** The balancing step's defaults (chosen on validation text: docs/compress.md). */
const BALANCE = { steps: 2000, batch: 4096, rate: 0.001, decay: 'linear', fitWindows: 96 };

const positive = (v: number, flag: string) => { if (!(Number.isInteger(v) && v >= 1)) throw new UserError(`must be a whole number >= 1, got ${v}`, flag); };

export default defineCommand({
  path: ['moe', 'carve'],
  summary: 'CMoE: carve each FFN into shared + routed experts (analytic router), baselines, optional LoRA, perplexity and array cost',
  details: `Calibration runs the dense model on seeded windows of the checkpoint's training documents: per
FFN neuron the top-K_a activation markers and rates. Shared experts are the highest-rate neurons;
the rest are grouped into equal routed experts by balanced k-means (L1 on the marker columns, the
assignment solved exactly by the Hungarian algorithm); the router is built from each expert's
representative neuron (its most active one; --representative centroid for the paper's rule). The
balancing bias is fitted layer by layer on the carved model's own router inputs over --balance-fit
fresh training windows (--balance-steps updates of --balance-batch tokens, each a step toward the
mean load that decays from --balance-rate to 0, --balance-decay; 0 windows: on the calibration tokens), or online over --balance-windows fresh windows;
it keeps updating through fine-tuning, and with --balance-fit it is fitted again from zero on the
fine-tuned model. Perplexity is measured
on held-out windows for the dense model, the carved model (with and without the bias), static
pruning and random grouping at the same active neurons, and after --finetune STEPS of LoRA. The
array's cost per decoded token (dense vs carved) comes from decoding held-out tokens on --on.
--group must divide the experts' size (the FFN's neurons / E).
example: tessera moe carve --config S2A2E16 --out out/cmoe --json out/cmoe.json
example: tessera moe carve --config S2A6E16 --finetune 40 --out out/cmoe50`,
  flags: [
    ...modelFlags,
    { name: 'config', kind: 'string', default: 'S2A2E16', valueName: 'SxAyEz', help: 'x shared experts, y active routed experts, z experts in all' },
    { name: 'out', kind: 'string', required: true, valueName: 'DIR', help: 'write the carved model here: a checkpoint every llm command loads (the weights it runs with, and moe.json: experts, router, bias, scales)' },
    { name: 'finetune', kind: 'int', default: 0, valueName: 'STEPS', help: 'LoRA fine-tuning steps (0: none)' },
    { name: 'finetune-batch', kind: 'int', default: 4, valueName: 'N', help: 'windows per fine-tuning step' },
    { name: 'finetune-context', kind: 'int', default: 128, valueName: 'T', help: 'tokens per fine-tuning window' },
    { name: 'lr', kind: 'number', default: 5e-4, valueName: 'LR', help: 'fine-tuning learning rate (Adam)' },
    { name: 'ka', kind: 'int', default: 10, valueName: 'K', help: 'neurons marked per calibration token' },
    { name: 'representative', kind: 'string', default: 'rate', valueName: 'RULE', help: "each routed expert's router neuron: 'rate' (its most active neuron) or 'centroid' (the paper's: closest to the cluster's centroid, which on sparse markers is the least active one)" },
    { name: 'calibration', kind: 'int', default: 16, valueName: 'N', help: 'calibration windows of the model\'s context' },
    { name: 'tokens', kind: 'int', default: 4096, valueName: 'N', help: 'held-out target tokens for perplexity (whole windows)' },
    { name: 'balance-steps', kind: 'int', default: BALANCE.steps, valueName: 'N', help: 'bias updates (+-rate each) on batches of --balance-batch tokens of the fit windows' },
    { name: 'balance-batch', kind: 'int', default: BALANCE.batch, valueName: 'N', help: 'tokens per bias update' },
    { name: 'balance-rate', kind: 'number', default: BALANCE.rate, valueName: 'R', help: 'bias change per update toward the mean load' },
    { name: 'balance-decay', kind: 'string', default: BALANCE.decay, valueName: 'RULE', help: "the step over a fit's updates: 'linear' (from --balance-rate at the first update toward 0 at the last) or 'none' (fixed, the paper's)" },
    { name: 'balance-fit', kind: 'int', default: BALANCE.fitWindows, valueName: 'N', help: 'fit the bias on N fresh training windows, and again on the fine-tuned model after --finetune (0: on the calibration windows, before fine-tuning only)' },
    { name: 'balance-windows', kind: 'int', default: 0, valueName: 'N', help: 'instead: fit the bias online over N fresh training windows (each token seen once, an update per --balance-batch tokens routed)' },
    { name: 'decode', kind: 'int', default: 16, valueName: 'N', help: 'tokens decoded on the array for the cost (after a prompt of --prompt)' },
    { name: 'prompt', kind: 'int', default: 128, valueName: 'N', help: 'prompt tokens prefilled before the costed decode steps' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of calibration windows, random grouping and fine-tuning' },
    ...costArrayFlags.map((f) => (f.name === 'group' ? { ...f, default: '16' } : f)),
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON' },
  ],
  async run(flags) {
    setInterruptNote('nothing was kept (moe carve caches no partial results); rerun it to start again');
    for (const [v, f] of [[flags.calibration, '--calibration'], [flags.tokens, '--tokens'], [flags['balance-steps'], '--balance-steps'], [flags['balance-batch'], '--balance-batch'], [flags.decode, '--decode'], [flags.prompt, '--prompt'], [flags.ka, '--ka'], [flags['finetune-batch'], '--finetune-batch'], [flags['finetune-context'], '--finetune-context']] as const) positive(v, f);
    if (!(flags.finetune >= 0)) throw new UserError('must be 0 or more', '--finetune');
    for (const f of ['balance-windows', 'balance-fit'] as const) if (!(Number.isInteger(flags[f]) && flags[f] >= 0)) throw new UserError(`must be a whole number >= 0, got ${flags[f]}`, `--${f}`);
    if (!(flags['balance-rate'] > 0)) throw new UserError(`must be above 0, got ${flags['balance-rate']}`, '--balance-rate');
    const decay = flags['balance-decay'].trim().toLowerCase();
    if (decay !== 'linear' && decay !== 'none') throw new UserError(`'${flags['balance-decay']}' is not a step rule`, '--balance-decay', "give 'linear' or 'none'");
    const representative = flags.representative.trim().toLowerCase();
    if (representative !== 'centroid' && representative !== 'rate') throw new UserError(`'${flags.representative}' is not a representative rule`, '--representative', "give 'centroid' or 'rate'");
    const m = denseCheckpoint(loadModel(flags.checkpoint, flags.tokenizer), 'moe carve');
    const { config: mc } = m.weights;
    const config = parseCmoeConfig(flags.config, mc.hiddenDim);
    if (flags.ka > mc.hiddenDim) throw new UserError(`must be at most the FFN's ${mc.hiddenDim} neurons`, '--ka');
    if (flags.prompt + flags.decode + 1 > mc.seqLen) throw new UserError(`prompt + decode must fit the context of ${mc.seqLen}`, '--decode');
    if (flags['finetune-context'] > mc.seqLen) throw new UserError(`must be at most the context of ${mc.seqLen}`, '--finetune-context');
    const size = mc.hiddenDim / config.experts;
    const be = backendFromFlags({ on: flags.on, array: flags.array, group: flags.group, scheme: flags.scheme, products: flags.products, check: flags.check });
    if (!(be instanceof ArrayBackend)) throw new UserError('the array cost needs a PE kind', '--on', 'give e.g. --on mixpe-w4a8');
    if (flags.group !== 'channel' && size % Number(flags.group) !== 0) throw new UserError(`group ${flags.group} does not divide the experts' ${size} neurons`, '--group', `give a divisor of ${size}, or 'channel'`);
    const split = checkpointSplit(m.meta, undefined, flags.checkpoint ?? 'the shipped model');
    const data = compressionData(m.tokenizer, split, mc.seqLen, flags.tokens, flags.calibration, flags.seed);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    if (flags.finetune > 0) await selectBackend();
    const r = await runCmoe(m.weights, data, {
      configName: flags.config.toUpperCase(), config, ka: flags.ka, representative, seed: flags.seed,
      balance: {
        steps: flags['balance-steps'], batch: flags['balance-batch'], rate: flags['balance-rate'], decay,
        stream: flags['balance-windows'] > 0 ? trainingWindows(data.trainStream, flags['balance-windows'], mc.seqLen, flags.seed + 2) : undefined,
        fit: flags['balance-windows'] === 0 && flags['balance-fit'] > 0 ? trainingWindows(data.trainStream, flags['balance-fit'], mc.seqLen, flags.seed + 3) : undefined,
      },
      finetune: flags.finetune > 0 ? { steps: flags.finetune, batch: flags['finetune-batch'], context: flags['finetune-context'], lr: flags.lr, rank: 8, alpha: 32, seed: flags.seed, balanceRate: 0.001 } : undefined,
      array: be, decode: { prompt: flags.prompt, steps: flags.decode },
    }, log);
    const result = { checkpoint: m.source, weightsSha256: weightsKey(m), ...r.report };
    writeCompressedCheckpoint(flags.out, r.weights, m, { command: `tessera ${process.argv.slice(2).join(' ')}`, base: weightsKey(m), cmoe: r.report.config, ka: flags.ka, representative, finetuneSteps: flags.finetune }, r.routing);
    const p = r.report.perplexity;
    const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
    console.log(`${r.report.config} (${(100 * r.report.activation).toFixed(1)}% of FFN neurons active): held-out perplexity dense ${f(p.dense)}, carved ${f(p.carved)} (no bias ${f(p.carvedNoBias)}), fine-tuned ${f(p.finetuned)}, static pruning ${f(p.staticPruning)}, random grouping ${f(p.randomGrouping)} on ${r.report.heldOutTokens} tokens`);
    console.log(`load max/mean ${r.report.loadBalance.maxOverMean.toFixed(3)} with the bias, ${r.report.loadBalance.withoutBias.maxOverMean.toFixed(3)} without`);
    const a = r.report.array;
    const line = (c: typeof a.fusedKernel) => `${c.cyclesPerToken.dense.toFixed(0)} -> ${c.cyclesPerToken.carved.toFixed(0)} cycles (speed-up ${c.speedup.toFixed(3)}x, ceiling ${c.ceiling.toFixed(2)}x; FFN ${c.ffnSpeedup.toFixed(2)}x), ${(c.energyPerTokenJ.dense * 1e9).toFixed(0)} -> ${(c.energyPerTokenJ.carved * 1e9).toFixed(0)} nJ`;
    console.log(`array (${a.backend}), per decoded token: ${line(a)}`);
    console.log(`  as a fused decode kernel (router with the shared gate and up; the picked experts' gate and up as one product): ${line(a.fusedKernel)}`);
    if (flags.json) writeJsonAtomic(flags.json, result);
  },
});
