import { defineCommand } from '../command.ts';
import { backendFromFlags, ReferenceBackend } from '../../models/common/index.ts';
import { checkpointSplit, evaluate, loadModel } from '../../models/llm/index.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { arrayFlags, modelFlags } from './llm-flags.ts';

export default defineCommand({
  path: ['llm', 'eval'],
  summary: 'held-out perplexity of a model, the 4-gram baseline\'s, and with --on as the array computes it (cycles, energy per token)',
  details: `The held-out documents are the ones the checkpoint's training left out (its recorded data, seed and
share; the data hash must match). Windows of the model's context are scored with a fresh cache each; the
Kneser-Ney 4-gram is trained on the same training tokens and scored on the same targets. With --on the
same windows run on the array backend: perplexity as the array computes it, and per token the cycles,
energy by part and DRAM bytes of the prefill. Window results are cached: a rerun resumes.
example: tessera llm eval --on mixpe-w4a8 --group 128 --json out/eval.json`,
  flags: [
    ...modelFlags,
    { name: 'data', kind: 'string', valueName: 'DIR|FILE', help: 'where the training text is (default: as the checkpoint recorded it)' },
    { name: 'tokens', kind: 'int', default: 32768, valueName: 'N', help: 'score the first N held-out target tokens (0: all)' },
    ...arrayFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON' },
  ],
  async run(flags) {
    if (flags.tokens < 0) throw new UserError('must be 0 (all) or a positive number of tokens', '--tokens');
    const m = loadModel(flags.checkpoint, flags.tokenizer);
    const split = checkpointSplit(m.meta, flags.data, flags.checkpoint ?? 'the shipped model');
    const array = flags.on ? backendFromFlags({ on: flags.on, array: flags.array, group: flags.group, scheme: flags.scheme, products: flags.products, check: flags.check }) : undefined;
    const r = evaluate(m, split, array ? [array] : [], flags.tokens === 0 ? Infinity : flags.tokens, new ReferenceBackend());
    const onArray = r.backends[0];
    const result = {
      checkpoint: m.source,
      heldOutTokens: r.heldOutTokens,
      tokens: r.evaluatedTokens,
      perplexity: r.reference.perplexity,
      baseline: { ngram: r.ngram.perplexity, ngramOrder: r.ngram.order },
      reductionVsNgram: 1 - r.reference.perplexity / r.ngram.perplexity,
      ...(onArray && {
        onArray: {
          pe: flags.on, backend: onArray.backend, perplexity: onArray.perplexity,
          relativeToFloat: onArray.perplexity / r.reference.perplexity - 1,
          cyclesPerToken: onArray.perToken.cycles, energyPerTokenJ: onArray.perToken.energyJ.total, energyPerTokenByPartJ: onArray.perToken.energyJ,
          secondsPerToken: onArray.perToken.seconds, dramBytesPerToken: onArray.perToken.dramBytes, macsPerToken: onArray.perToken.macs,
        },
      }),
    };
    console.log(`held-out perplexity ${r.reference.perplexity.toFixed(3)} on ${r.evaluatedTokens} tokens; Kneser-Ney 4-gram ${r.ngram.perplexity.toFixed(3)} (${(100 * result.reductionVsNgram).toFixed(1)}% lower)`);
    if (onArray) {
      const e = onArray.perToken;
      console.log(`on the array (${onArray.backend}): perplexity ${onArray.perplexity.toFixed(3)} (${(100 * (onArray.perplexity / r.reference.perplexity - 1)).toFixed(2)}% vs float); per token ${e.cycles.toFixed(0)} cycles, ${(e.energyJ.total * 1e9).toFixed(2)} nJ`);
    }
    if (flags.json) writeJsonAtomic(flags.json, result);
  },
});
