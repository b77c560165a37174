import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { ATTENTION_KERNELS, planesKernelMisfit, KvTuner, kvThroughput, pairByName, QUANT_MODES, throughputGain, DEFAULT_CONTEXTS, windowEvaluations, type AttentionKernel, type QuantMode } from '../../models/llm/kv/index.ts';
import { UserError, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { writeReport } from '../report/html-report.ts';
import { intList, kvModelFlags, kvSetup } from './kv-common.ts';
import { tuneSections } from './kv-tune-report.ts';
import { parseConfigurations, scoreConfigurations } from './kv-tune-score.ts';

export default defineCommand({
  path: ['kv', 'tune'],
  summary: 'KVTuner: per-layer K/V precision pairs searched by NSGA-II (perplexity vs average bits), uniform configurations, decode throughput on the array',
  details: `Quantizes the KV cache (asymmetric min-max; per-token, or KIVI: keys per channel in groups of 32
tokens, values per token, the last 32 tokens at full precision). Measures each layer's sensitivity
(attention-output error and perplexity with only its keys or only its values quantized, and with each
precision pair), keeps each layer's Pareto pairs, clusters layers of similar sensitivity, and searches
one pair per cluster with NSGA-II over perplexity and average bits (mean of (k + v) / 2) under --budget.
The search scores the tuning windows (even-numbered held-out windows); every reported perplexity is on
the test windows (odd-numbered ones). The chosen configuration is the front's lowest tuning perplexity.
Throughput: decode tokens/s at the array clock (fast mode) at each --contexts length with the cache read
at its stored bits, by --attention-kernel: planes (the array's own PEs read the codes as stored, in
planes of their weight width: 4-bit planes on MixPE's 4 lanes) or int8 (INT8 PEs fed the codes). Every window's perplexity is cached as soon as it is computed: Ctrl-C or a plain
kill stops the run within one window's evaluation, writes no output, and the same command resumes
from the cache (it replays the same search).
example: tessera kv tune --mode kivi --budget 3.5 --json out/kv-tune.json --report out/kv-tune`,
  flags: [
    ...kvModelFlags,
    { name: 'mode', kind: 'string', default: 'per-token', choices: QUANT_MODES, valueName: 'MODE', help: 'quantization mode' },
    { name: 'budget', kind: 'number', default: 3.5, valueName: 'BITS', help: 'largest average bits of a configuration in the search' },
    { name: 'trials', kind: 'int', default: 100, valueName: 'N', help: 'NSGA-II evaluations' },
    { name: 'groups', kind: 'int', default: 4, valueName: 'G', help: 'layer clusters that share one pair' },
    { name: 'tune-windows', kind: 'int', default: 2, valueName: 'N', help: 'held-out windows the search scores' },
    { name: 'test-windows', kind: 'int', default: 8, valueName: 'N', help: 'held-out windows of the reported perplexities' },
    { name: 'contexts', kind: 'string', default: DEFAULT_CONTEXTS.join(','), valueName: 'L,...', help: 'context lengths of the throughput table' },
    { name: 'attention-kernel', kind: 'string', default: 'planes', choices: ATTENTION_KERNELS, valueName: 'K', help: 'how the throughput table prices the attention products: planes (codes as stored, on the array\'s own PEs) or int8 (INT8 PEs)' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'NSGA-II seed' },
    { name: 'configs', kind: 'string', valueName: 'C;C...', help: "score these configurations instead of searching (each 'KV4' or one pair per layer, space-separated): perplexity against uniform KV4's on the tuning windows, each half of them and the test windows, per window with its paired standard error, and the noise of that margin" },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write report.html (plotly) into DIR' },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('window perplexities', 'kv-eval'));
    if (!(flags.budget >= 2 && flags.budget <= 8)) throw new UserError(`budget ${flags.budget} is outside 2..8 average bits`, '--budget', 'give e.g. 3.5');
    if (!(flags.trials >= 1)) throw new UserError(`must be >= 1, got ${flags.trials}`, '--trials');
    if (!(flags.groups >= 1)) throw new UserError(`must be >= 1, got ${flags.groups}`, '--groups');
    const contexts = intList(flags.contexts, '--contexts');
    const mode = flags.mode as QuantMode;
    const kernel = flags['attention-kernel'] as AttentionKernel;
    const s = kvSetup(flags, flags['tune-windows'], flags['test-windows']);
    const misfit = kernel === 'planes' ? planesKernelMisfit(s.costBackend.options.pe) : undefined;
    if (misfit) throw new UserError(misfit, '--attention-kernel', 'give --attention-kernel int8, or --on an integer PE kind (mixpe-w4a8, int8)');
    const tuner = new KvTuner(s.model, s.modelKey, s.tune, s.test, mode);
    if (flags.configs !== undefined) {
      const scored = await scoreConfigurations(s, tuner, parseConfigurations(flags.configs, s.model.config.layers));
      console.log(`tuning ${scored.tuneTargets} targets (halves ${scored.halfTargets.join(' + ')}), test ${scored.testTargets}; perplexity over uniform KV4:`);
      for (const c of scored.configurations) console.log(`  ${c.avgBits.toFixed(3)} bits  tuning ${(100 * c.marginVsKV4.tune).toFixed(3)}% (halves ${c.marginVsKV4.halves.map((h) => `${(100 * h).toFixed(3)}%`).join(', ')}; per window ${(100 * c.marginVsKV4.perWindowMean).toFixed(3)} +- ${(100 * c.marginVsKV4.perWindowSe).toFixed(3)}%)  test ${(100 * c.marginVsKV4.test).toFixed(3)}% (${c.testPerplexity.toFixed(3)}; per window ${(100 * c.marginVsKV4.testPerWindowMean).toFixed(3)} +- ${(100 * c.marginVsKV4.testPerWindowSe).toFixed(3)}%)  ${c.pairs.join(' ')}`);
      console.log(`noise: half-sample margins differ by ${(100 * scored.noise.rmsHalfDifference).toFixed(3)}% RMS: a margin on the whole tuning sample has SD ~${(100 * scored.noise.marginSd).toFixed(3)}%`);
      if (flags.json) writeJsonAtomic(flags.json, { checkpoint: s.checkpoint, weightsSha256: s.weightsSha256, mode, ...scored });
      return;
    }
    const r = await tuner.run({ budget: flags.budget, trials: flags.trials, groups: flags.groups, seed: flags.seed });
    const config = s.model.config;
    const full = tuner.configuration(Array.from({ length: config.layers }, () => undefined));
    const configs: Record<string, { k: number; v: number }[]> = {
      FP16: Array.from({ length: config.layers }, () => ({ k: 16, v: 16 })),
      ...Object.fromEntries(Object.keys(r.uniform).map((name) => [name, Array.from({ length: config.layers }, () => pairByName(name)!)])),
      chosen: r.chosen.pairs.map((n) => pairByName(n)!),
    };
    const throughput = kvThroughput(config, s.costBackend, mode, configs, contexts, kernel);
    const gains = throughputGain(throughput, 'chosen', 'KV8');
    const gainsByKernel = Object.fromEntries(ATTENTION_KERNELS.map((k) => [k, k === kernel ? gains : throughputGain(kvThroughput(config, s.costBackend, mode, { KV8: configs.KV8, chosen: configs.chosen }, contexts, k), 'chosen', 'KV8')]));
    const longest = gains[gains.length - 1];
    const kv8 = r.uniform.KV8.perplexity, kv4 = r.uniform.KV4.perplexity;
    const dominated = Object.fromEntries(Object.entries(r.uniform).map(([name, u]) => [name, r.pareto.some((p) => p.avgBits <= u.avgBits && p.perplexity <= u.perplexity && (p.avgBits < u.avgBits || p.perplexity < u.perplexity))]));
    const result = {
      checkpoint: s.checkpoint, weightsSha256: s.weightsSha256, backend: s.model.backend.description, costBackend: s.costBackend.description, attentionKernel: kernel,
      mode, budget: flags.budget, tuneTargets: (await tuner.tune.score(full)).tokens, testTargets: (await tuner.test.score(full)).tokens,
      fullPerplexity: r.fullPerplexity, fullTunePerplexity: r.fullTunePerplexity,
      uniform: r.uniform,
      pareto: r.pareto,
      chosen: { ...r.chosen, throughputGainVsKV8: longest.gain, throughputGainContext: longest.context, throughputGainVsKV8ByContext: gains, throughputGainVsKV8ByKernel: gainsByKernel },
      targets: {
        chosenVsKV8: r.chosen.perplexity / kv8 - 1,
        chosenBelowKV4: r.chosen.perplexity < kv4,
        uniformDominatedByFront: dominated,
      },
      sensitivity: r.sensitivity, clusters: r.clusters, candidates: r.candidates, trials: r.trials, searched: r.searched, throughput,
    };
    console.log(`full-cache test perplexity ${r.fullPerplexity.toFixed(3)} (${result.testTargets} targets; search on ${result.tuneTargets})`);
    for (const [name, u] of Object.entries(r.uniform)) console.log(`  ${name.padEnd(5)} ${u.avgBits.toFixed(2)} bits  perplexity ${u.perplexity.toFixed(3)}${dominated[name] ? '  (dominated by the front)' : ''}`);
    console.log(`Pareto front (${r.pareto.length} of ${r.trials} configurations searched):`);
    for (const p of r.pareto) console.log(`  ${p.avgBits.toFixed(3)} bits  perplexity ${p.perplexity.toFixed(3)}  ${p.pairs.join(' ')}`);
    console.log(`chosen: ${r.chosen.avgBits.toFixed(3)} bits, perplexity ${r.chosen.perplexity.toFixed(3)} (${(100 * result.targets.chosenVsKV8).toFixed(2)}% vs KV8 ${kv8.toFixed(3)}; KV4 ${kv4.toFixed(3)}); decode throughput ${(100 * longest.gain).toFixed(1)}% over KV8 at context ${longest.context} (${kernel} kernel; ${ATTENTION_KERNELS.filter((k) => k !== kernel).map((k) => `${k}: ${(100 * gainsByKernel[k][gainsByKernel[k].length - 1].gain).toFixed(1)}%`).join(', ')})`);
    console.log(`window evaluations: ${windowEvaluations.computed} computed, ${windowEvaluations.cached} read from the cache`);
    if (flags.json) writeJsonAtomic(flags.json, result);
    if (flags.report) {
      writeReport(join(flags.report, 'report.html'), `KVTuner (${mode})`, tuneSections(result));
      console.log(`wrote ${join(flags.report, 'report.html')}`);
    }
  },
});
