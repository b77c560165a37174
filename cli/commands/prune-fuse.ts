import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { selectBackend } from '../../models/common/index.ts';
import { ArrayBackend, backendFromFlags } from '../../models/common/gemm/index.ts';
import { checkpointSplit, denseCheckpoint, loadModel, weightsKey } from '../../models/llm/index.ts';
import { compressionData, runFuse, writeCompressedCheckpoint } from '../../models/llm/compress/index.ts';
import { setInterruptNote, UserError, writeJsonAtomic } from '../../util/index.ts';
import { costArrayFlags, modelFlags } from './llm-flags.ts';

export default defineCommand({
  path: ['prune', 'fuse'],
  summary: 'FuseGPT: remove blocks by Macro Influence, fuse each into its neighbours (local distillation); baselines, perplexity, array cost',
  details: `Blocks are removed one at a time: the one whose removal changes the final hidden states least
(Macro Influence, 1 - cosine similarity on calibration windows of the training documents, recomputed
after every removal) goes; its projections are injected into the same projections of the --reach
neighbours on each side (W + B A + (C_A C_B) * W_removed, coefficients starting at zero), which are
trained to reproduce the model's output at the group's end (--steps x --batch windows). Baselines at
the same number of blocks: plain removal by Macro Influence, removal of the last blocks, removal
healed by the same fine-tuning without fusion; and plain removal at half the rate (when that
removes fewer blocks, but at least one). Perplexity on
held-out windows; cost per decoded token on --on.
example: tessera prune fuse --rate 0.25 --out out/fused --json out/fuse.json`,
  flags: [
    ...modelFlags,
    { name: 'rate', kind: 'number', default: 0.25, valueName: 'R', help: 'share of the blocks to remove' },
    { name: 'out', kind: 'string', required: true, valueName: 'DIR', help: 'write the fused checkpoint here' },
    { name: 'reach', kind: 'int', default: 1, valueName: 'N', help: 'neighbours on each side that take in a removed block' },
    { name: 'rank', kind: 'int', default: 8, valueName: 'R', help: 'rank of the LoRA updates and of the fusion coefficient C_A C_B (alpha stays 16)' },
    { name: 'steps', kind: 'int', default: 32, valueName: 'N', help: 'local distillation steps per fused block' },
    { name: 'batch', kind: 'int', default: 8, valueName: 'N', help: 'windows per step' },
    { name: 'context', kind: 'int', default: 128, valueName: 'T', help: 'tokens per fine-tuning window' },
    { name: 'lr', kind: 'number', default: 1e-3, valueName: 'LR', help: 'learning rate (Adam)' },
    { name: 'fusion-lr', kind: 'number', valueName: 'LR', help: 'learning rate of the fusion coefficient (default --lr)' },
    { name: 'calibration', kind: 'int', default: 8, valueName: 'N', help: 'calibration windows (Macro Influence)' },
    { name: 'tokens', kind: 'int', default: 4096, valueName: 'N', help: 'held-out target tokens for perplexity (whole windows)' },
    { name: 'decode', kind: 'int', default: 16, valueName: 'N', help: 'tokens decoded on the array for the cost' },
    { name: 'prompt', kind: 'int', default: 128, valueName: 'N', help: 'prompt tokens prefilled before the costed decode steps' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of calibration and fine-tuning windows and adapters' },
    ...costArrayFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON' },
  ],
  async run(flags) {
    setInterruptNote('nothing was kept (prune fuse caches no partial results); rerun it to start again');
    for (const [v, f] of [[flags.reach, '--reach'], [flags.rank, '--rank'], [flags.batch, '--batch'], [flags.context, '--context'], [flags.calibration, '--calibration'], [flags.tokens, '--tokens'], [flags.decode, '--decode'], [flags.prompt, '--prompt']] as const) {
      if (!(Number.isInteger(v) && v >= 1)) throw new UserError(`must be a whole number >= 1, got ${v}`, f);
    }
    if (!(flags.steps >= 0)) throw new UserError('must be 0 or more', '--steps');
    for (const [v, f] of [[flags.lr, '--lr'], [flags['fusion-lr'] ?? 1, '--fusion-lr']] as const) if (!(v > 0)) throw new UserError(`must be above 0, got ${v}`, f);
    const m = denseCheckpoint(loadModel(flags.checkpoint, flags.tokenizer), 'prune fuse');
    const mc = m.weights.config;
    const count = Math.round(flags.rate * mc.layers);
    if (!(count >= 1 && count < mc.layers)) throw new UserError(`rate ${flags.rate} removes ${count} of ${mc.layers} blocks`, '--rate', `give a share that removes 1 to ${mc.layers - 1} blocks, e.g. 0.25`);
    if (flags.prompt + flags.decode + 1 > mc.seqLen) throw new UserError(`prompt + decode must fit the context of ${mc.seqLen}`, '--decode');
    if (flags.context > mc.seqLen) throw new UserError(`must be at most the context of ${mc.seqLen}`, '--context');
    const be = backendFromFlags({ on: flags.on, array: flags.array, group: flags.group, scheme: flags.scheme, products: flags.products, check: flags.check });
    if (!(be instanceof ArrayBackend)) throw new UserError('the array cost needs a PE kind', '--on', 'give e.g. --on mixpe-w4a8');
    const split = checkpointSplit(m.meta, undefined, flags.checkpoint ?? 'the shipped model');
    const data = compressionData(m.tokenizer, split, mc.seqLen, flags.tokens, flags.calibration, flags.seed);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    await selectBackend();
    const { report, weights } = await runFuse(m.weights, data, {
      rate: flags.rate, array: be, decode: { prompt: flags.prompt, steps: flags.decode },
      fuse: { reach: flags.reach, rank: flags.rank, alpha: 16, coefficientRank: flags.rank, steps: flags.steps, batch: flags.batch, context: flags.context, lr: flags.lr, fusionLr: flags['fusion-lr'], seed: flags.seed },
    }, log);
    writeCompressedCheckpoint(flags.out, weights, m, { command: `tessera ${process.argv.slice(2).join(' ')}`, base: weightsKey(m), removedBlocks: report.removedBlocks });
    writeJsonAtomic(join(flags.out, 'fuse.json'), report);
    const p = report.perplexity, f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
    console.log(`removed blocks ${report.removedBlocks.join(', ')} of ${mc.layers}: held-out perplexity dense ${f(p.dense)}, fused ${f(p.fused)}, healed removal ${f(p.healedRemoval)}, removal ${f(p.removal)}, last blocks ${f(p.lastBlocksRemoval)}, removal at half the rate ${f(p.removalAtHalfRate)} on ${report.heldOutTokens} tokens`);
    const a = report.array;
    console.log(`array (${a.backend}), per decoded token: ${a.cyclesPerToken.dense.toFixed(0)} -> ${a.cyclesPerToken.fused.toFixed(0)} cycles (speed-up ${a.speedup.toFixed(3)}x), ${(a.energyPerTokenJ.dense * 1e9).toFixed(0)} -> ${(a.energyPerTokenJ.fused * 1e9).toFixed(0)} nJ`);
    if (flags.json) writeJsonAtomic(flags.json, { checkpoint: m.source, weightsSha256: weightsKey(m), ...report });
  },
});
