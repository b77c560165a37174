import { defineCommand } from '../command.ts';
import { backendFromFlags } from '../../models/common/gemm/index.ts';
import { checkpointSplit, evaluateCheckpoint, loadModel, type BackendScore } from '../../models/llm/index.ts';
import { UserError, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { arrayFlags, modelFlags } from './llm-flags.ts';

/** A comma-separated flag value as its items. */
const list = (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

export default defineCommand({
  path: ['llm', 'eval'],
  summary: 'held-out perplexity of a model, the 4-gram baseline\'s, and with --on as the array computes it (cycles, energy per token)',
  details: `The held-out documents are the ones the checkpoint's training left out (its recorded data, seed and
share; the data hash must match). Whole windows of the model's context, spread evenly over the held-out
text, are scored with a fresh cache each; the Kneser-Ney 4-gram is trained on the same training tokens
and scored on the same targets. With --on the same windows run on the array backend: perplexity as the
array computes it, and per token the cycles, energy by part and DRAM bytes of the prefill. --on and
--group take comma lists: every PE kind with every group size (the quantization cost table). Windows
are shared among --workers threads and cached: a rerun resumes.
example: tessera llm eval --on mixpe-w4a8 --group 128 --json out/eval.json
example: tessera llm eval --on mixpe-w4a8,mixpe-w4a16,int8,fp16 --group 32,64,128 --tokens 4096`,
  flags: [
    ...modelFlags,
    { name: 'data', kind: 'string', valueName: 'DIR|FILE', help: 'where the training text is (default: as the checkpoint recorded it)' },
    { name: 'tokens', kind: 'int', default: 16384, valueName: 'N', help: 'score about N held-out target tokens in whole windows spread over the held-out text (0: all; more than there are: all, with a note)' },
    ...arrayFlags,
    { name: 'workers', kind: 'int', default: 2, valueName: 'N', help: 'worker threads sharing the windows' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON' },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('window scores', 'llm-eval'));
    if (flags.tokens < 0) throw new UserError('must be 0 (all) or a positive number of tokens', '--tokens');
    if (!(flags.workers >= 1)) throw new UserError(`must be a whole number >= 1, got ${flags.workers}`, '--workers');
    const m = loadModel(flags.checkpoint, flags.tokenizer);
    const split = checkpointSplit(m.meta, flags.data, flags.checkpoint ?? 'the shipped model');
    const ons = flags.on ? list(flags.on) : [];
    const groups = list(flags.group);
    const backends = ons.flatMap((on) => groups.map((group) => ({ on, array: flags.array, group, scheme: flags.scheme, products: flags.products, check: flags.check })));
    for (const b of backends) backendFromFlags(b); // every flag checked before the long work starts
    const r = await evaluateCheckpoint(m, { checkpoint: flags.checkpoint, tokenizer: flags.tokenizer }, split, backends, flags.tokens === 0 ? Infinity : flags.tokens, flags.workers);
    const onArray = (s: BackendScore, i: number) => ({
      pe: backends[i].on, group: backends[i].group, backend: s.backend, perplexity: s.perplexity,
      relativeToFloat: s.perplexity / r.reference.perplexity - 1,
      cyclesPerToken: s.perToken.cycles, energyPerTokenJ: s.perToken.energyJ.total, energyPerTokenByPartJ: s.perToken.energyJ,
      secondsPerToken: s.perToken.seconds, dramBytesPerToken: s.perToken.dramBytes, macsPerToken: s.perToken.macs,
    });
    const table = r.backends.map(onArray);
    // The windows cover the held-out stream, so every token after the first is a target.
    const available = Math.max(0, r.heldOutTokens - 1);
    if (flags.tokens > available) console.error(`note: --tokens ${flags.tokens} is more than the ${available} held-out target tokens there are; scored all ${available} (--tokens 0 asks for all)`);
    const result = {
      checkpoint: m.source,
      heldOutTokens: r.heldOutTokens,
      tokens: r.evaluatedTokens,
      perplexity: r.reference.perplexity,
      baseline: { ngram: r.ngram.perplexity, ngramOrder: r.ngram.order },
      reductionVsNgram: 1 - r.reference.perplexity / r.ngram.perplexity,
      ...(table.length > 0 && { onArray: table[0] }),
      ...(table.length > 1 && { table }),
    };
    console.log(`held-out perplexity ${r.reference.perplexity.toFixed(3)} on ${r.evaluatedTokens} of ${r.heldOutTokens} held-out tokens; Kneser-Ney 4-gram ${r.ngram.perplexity.toFixed(3)} (the model's is ${Math.abs(100 * result.reductionVsNgram).toFixed(1)}% ${result.reductionVsNgram >= 0 ? 'lower' : 'higher'})`);
    for (const row of table) {
      console.log(`on the array (${row.backend}): perplexity ${row.perplexity.toFixed(3)} (${(100 * row.relativeToFloat).toFixed(2)}% vs float); per token ${row.cyclesPerToken.toFixed(0)} cycles, ${(row.energyPerTokenJ * 1e9).toFixed(2)} nJ`);
    }
    if (flags.json) writeJsonAtomic(flags.json, result);
  },
});
