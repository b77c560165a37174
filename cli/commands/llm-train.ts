import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { trainLlm } from '../../models/llm/index.ts';
import { dataPathOr, exitCodeOf, setInterruptNote, UserError } from '../../util/index.ts';
import { withStopSignal } from '../stop-signal.ts';

export default defineCommand({
  path: ['llm', 'train'],
  summary: 'train a Llama-style model and its BPE tokenizer on text (tfjs wasm; resumable, seeded)',
  details: `Documents are blank-line blocks of .txt/.md files and the first column of .tsv files (see docs/llm.md);
a share of them, chosen by hash before training, is held out. The folder --out gets tokenizer.json,
model.json + weights.bin (the model), train-log.jsonl, and train-state/ (weights and optimizer state
every --checkpoint-every steps). Ctrl-C saves the state first; rerunning the same command resumes
with the same batches. A larger --steps continues a finished run (the learning rate's final decay is
recomputed for the new length). --init-from DIR continues a trained model instead: its weights, shape
and tokenizer, a fresh optimizer (warmed up over --warmup steps), batches drawn after its own run's.
example: tessera llm train --out out/llm --steps 2000
example: tessera llm train --init-from models/llm/shipped --out out/more --steps 600 --warmup 20 --decay 0.15 --lr 1e-3`,
  flags: [
    { name: 'data', kind: 'string', valueName: 'DIR|FILE', help: 'text to train on (default: the shared text corpora, TESSERA_DATA/text)' },
    { name: 'out', kind: 'string', required: true, valueName: 'DIR', help: 'folder for the model, tokenizer, log and resumable state' },
    { name: 'config', kind: 'string', valueName: 'NAME|FILE', help: 'model shape: tiny, small (default), or a JSON file with dim, hiddenDim, layers, heads, kvHeads, seqLen' },
    { name: 'vocab', kind: 'int', valueName: 'N', help: 'BPE vocabulary size (259 + merges; default 1024)' },
    { name: 'init-from', kind: 'string', valueName: 'DIR', help: 'start from this checkpoint folder\'s weights, shape and tokenizer (fresh optimizer; not with --config or --vocab)' },
    { name: 'steps', kind: 'int', default: 3000, valueName: 'N', help: 'optimizer steps' },
    { name: 'batch', kind: 'int', default: 8, valueName: 'N', help: 'sequences per step (each of the config\'s seqLen tokens)' },
    { name: 'lr', kind: 'number', default: 3e-3, valueName: 'RATE', help: 'peak learning rate (AdamW)' },
    { name: 'warmup', kind: 'int', default: 60, valueName: 'STEPS', help: 'linear warmup steps' },
    { name: 'decay', kind: 'number', default: 0.25, valueName: 'SHARE', help: 'share of the steps at the end over which the rate falls to a tenth' },
    { name: 'weight-decay', kind: 'number', default: 0.1, valueName: 'W', help: 'decoupled weight decay of the matrices' },
    { name: 'short-steps', kind: 'int', default: 0, valueName: 'N', help: 'train the first N steps on shorter windows (cheaper attention; same tokens per step)' },
    { name: 'short-context', kind: 'int', default: 64, valueName: 'T', help: 'window length of the short steps (a divisor of the context)' },
    { name: 'held-out', kind: 'number', default: 0.05, valueName: 'SHARE', help: 'share of documents held out' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the split, the initial weights and the batches' },
    { name: 'checkpoint-every', kind: 'int', default: 20, valueName: 'STEPS', help: 'save the resumable state this often' },
    { name: 'eval-every', kind: 'int', default: 50, valueName: 'STEPS', help: 'log the held-out loss this often' },
    { name: 'eval-tokens', kind: 'int', default: 4096, valueName: 'N', help: 'held-out targets of that loss: whole windows spread over the held-out text, as `llm eval --tokens N` picks them' },
    { name: 'workers', kind: 'int', default: 2, valueName: 'N', help: 'worker threads sharing each step\'s batch (1: compute in this thread)' },
    { name: 'dtype', kind: 'string', default: 'f16', choices: ['f16', 'f32'], help: 'precision of the written model weights' },
  ],
  async run(flags) {
    const initFrom = flags['init-from'];
    if (initFrom !== undefined && (flags.config !== undefined || flags.vocab !== undefined)) {
      throw new UserError('takes the model shape and tokenizer from the checkpoint', flags.config !== undefined ? '--config' : '--vocab', `drop it, or drop --init-from ${initFrom}`);
    }
    setInterruptNote(`the state saved every ${flags['checkpoint-every']} steps is kept in ${join(flags.out, 'train-state')}; rerun the same command to resume`);
    return withStopSignal(async (stop) => {
      const r = await trainLlm({
        data: flags.data ?? dataPathOr('--data DIR|FILE', 'text'), out: flags.out, config: flags.config ?? 'small', vocab: flags.vocab ?? 1024, initFrom, steps: flags.steps, batch: flags.batch,
        lr: flags.lr, warmupSteps: flags.warmup, decayShare: flags.decay, weightDecay: flags['weight-decay'], seed: flags.seed,
        heldOutShare: flags['held-out'], shortSteps: flags['short-steps'], shortContext: flags['short-context'], workers: flags.workers, checkpointEvery: flags['checkpoint-every'], evalEvery: flags['eval-every'], evalTokens: flags['eval-tokens'],
        dtype: flags.dtype as 'f16' | 'f32', command: `tessera llm train ${process.argv.slice(4).join(' ')}`.trim(),
      }, stop);
      if (!r.finished) {
        console.error(`stopped at step ${r.steps} of ${flags.steps}; rerun the same command to resume`);
        return exitCodeOf(stop.signal);
      }
      console.log(`trained ${r.steps} steps; model in ${flags.out} (held-out loss ${r.finalHeldOutLoss?.toFixed(4)})`);
      return 0;
    });
  },
});
