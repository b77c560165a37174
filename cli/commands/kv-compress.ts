import { defineCommand } from '../command.ts';
import { SELECT_METHODS, type SelectMethod } from '../../models/llm/kv/index.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { selectFlags, selectRun } from './kv-select-run.ts';

export default defineCommand({
  path: ['kv', 'compress'],
  summary: 'decode held-out text with a token-selected KV cache (AttentionPredictor, H2O, Quest, StreamingLLM): recovery, perplexity, KV bytes and cycles per token',
  details: `Decodes held-out windows (odd-numbered windows of the held-out text) token by token; from the
first layer after --full-layers on, each KV head attends to --budget x context tokens chosen by the
method. Recovery is the full attention's mass on the kept tokens (the current query against every
cached key), over compressed steps, layers, heads and query rows; perplexity is over the targets from
a quarter of the context on (where every budget compresses), beside the full cache's on the same
targets. AttentionPredictor's network is trained first on the model's training text (cached by hash).
Array figures are per token at the model's context (fast mode).
example: tessera kv compress --method attention-predictor --budget 0.0625 --json out/ap.json`,
  flags: [
    { name: 'method', kind: 'string', required: true, choices: SELECT_METHODS, valueName: 'M', help: 'selection method' },
    { name: 'budget', kind: 'number', required: true, valueName: 'FRACTION', help: 'tokens attended per step as a share of the context (1/16 = 0.0625)' },
    ...selectFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the result as JSON' },
  ],
  async run(flags) {
    if (!(flags.budget > 0 && flags.budget < 1)) throw new UserError(`budget ${flags.budget} is not a share of the context`, '--budget', 'give e.g. 0.0625 for 1/16');
    const method = flags.method as SelectMethod;
    const run = await selectRun(flags, [method], [flags.budget]);
    const r = await run.evaluate(method, flags.budget);
    const result = {
      checkpoint: run.setup.checkpoint, weightsSha256: run.setup.weightsSha256, windows: run.split, windowCount: run.windows.length, perQueryHead: flags['per-query-head'], method, budget: flags.budget, budgetTokens: r.budgetTokens, layout: r.layout,
      recovery: r.recovery, perplexity: r.perplexity, fullPerplexity: run.fullPerplexity, perplexityVsFull: r.perplexity / run.fullPerplexity - 1, targets: r.tokens, firstTarget: run.firstTarget,
      kvBytesPerToken: r.kvBytesPerToken, calibrationsPerToken: r.calibrationsPerToken, array: r.array,
      ...(run.predictor && { predictor: { parameters: run.predictor.net.parameterCount(), samples: run.predictor.samples, losses: run.predictor.losses } }),
    };
    console.log(`${method} at ${flags.budget} of the context (${r.budgetTokens} tokens): recovery ${(100 * r.recovery).toFixed(2)}%, perplexity ${r.perplexity.toFixed(3)} vs full ${run.fullPerplexity.toFixed(3)} (${(100 * result.perplexityVsFull).toFixed(2)}%) on ${r.tokens} targets; KV bytes per token ${r.kvBytesPerToken.toFixed(0)}`);
    console.log(`array at context ${r.array.context}: KV bytes/token ${r.array.kvBytesPerToken.toFixed(0)} (full ${r.array.fullKvBytesPerToken.toFixed(0)}), cycles/token ${r.array.cyclesPerToken.toFixed(0)} (full ${r.array.fullCyclesPerToken.toFixed(0)}), predictor ${r.array.predictorCycles.toFixed(0)} cycles; prefetch ${r.array.prefetchSpeedup.toFixed(2)}x`);
    if (r.array.note) console.log(`note: ${r.array.note}`);
    if (flags.json) writeJsonAtomic(flags.json, result);
  },
});
