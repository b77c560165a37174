import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { SELECT_METHODS } from '../../models/llm/kv/index.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { writeReport } from '../report/html-report.ts';
import { checkAgainst, methodPositions, parsePositionEdges, positionFlags, printPositionTables } from './kv-by-position.ts';
import { BUDGETS, selectFlags, selectRun } from './kv-select-run.ts';

export default defineCommand({
  path: ['kv', 'compare'],
  summary: 'AttentionPredictor against H2O, Quest and StreamingLLM at budgets 1/32..1/4 of the context: recovery, perplexity, array cost per token',
  details: `Runs \`kv compress\` for every method at budgets 1/32, 1/16, 1/8 and 1/4 of the model's context on
the same held-out windows, and reports recovery and perplexity against the budget (with the full
cache's perplexity on the same targets), KV bytes and cycles per token on the array, and the decode
time per token with and without cross-token prefetch of AttentionPredictor. --by-position also splits
the decode's recovery by the tokens cached at the step, as kv recovery --by-position does (windows
decoded before per-step figures were recorded are decoded again).
example: tessera kv compare --report out/kv-compare --json out/kv-compare.json`,
  flags: [
    ...selectFlags,
    { name: 'methods', kind: 'string', default: SELECT_METHODS.join(','), valueName: 'M,...', help: 'the methods to run (a comma list)' },
    ...positionFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results as JSON' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write report.html (plotly) into DIR' },
  ],
  async run(flags) {
    const methods = flags.methods.split(',').map((m) => m.trim());
    const unknown = methods.find((m) => !(SELECT_METHODS as readonly string[]).includes(m));
    if (unknown !== undefined || methods.length === 0) throw new UserError(`unknown method '${unknown ?? ''}'`, '--methods', `give a comma list of ${SELECT_METHODS.join(', ')}`);
    const chosen = SELECT_METHODS.filter((m) => methods.includes(m));
    checkAgainst(flags, chosen);
    const run = await selectRun(flags, chosen, BUDGETS, flags['by-position'] !== undefined);
    const T = run.setup.model.config.seqLen;
    const buckets = flags['by-position'] === undefined ? undefined : parsePositionEdges(flags['by-position'], T);
    const rows: Awaited<ReturnType<typeof run.evaluate>>[] = [];
    for (const method of chosen) for (const budget of BUDGETS) rows.push(await run.evaluate(method, budget));
    const at = (m: string, b: number) => rows.find((r) => r.method === m && r.budget === b);
    const positions = buckets ? methodPositions((m, b) => at(m, b)!.windowSteps!, chosen, BUDGETS, buckets, flags.against) : undefined;
    const ap = (b: number) => at('attention-predictor', b);
    const targets = ap(1 / 16) && at('h2o', 1 / 16) && at('quest', 1 / 16) ? {
      recoveryAtLeastH2oAndQuest: Object.fromEntries(BUDGETS.map((b) => [String(b), ap(b)!.recovery >= Math.max(at('h2o', b)!.recovery, at('quest', b)!.recovery)])),
      perplexityVsFullAt16x: ap(1 / 16)!.perplexity / run.fullPerplexity - 1,
    } : undefined;
    console.log(`full cache: perplexity ${run.fullPerplexity.toFixed(3)} on targets from position ${run.firstTarget}`);
    console.log('method               budget  tokens  recovery  perplexity  vs full  KV B/token  cycles/token  prefetch');
    for (const r of rows) {
      console.log(`${r.method.padEnd(20)} ${r.budget.toFixed(4)}  ${String(r.budgetTokens).padStart(6)}  ${(100 * r.recovery).toFixed(2).padStart(7)}%  ${r.perplexity.toFixed(3).padStart(10)}  ${(100 * (r.perplexity / run.fullPerplexity - 1)).toFixed(2).padStart(6)}%  ${r.array.kvBytesPerToken.toFixed(0).padStart(10)}  ${r.array.cyclesPerToken.toFixed(0).padStart(12)}  ${r.array.prefetchSpeedup.toFixed(2)}x`);
    }
    if (run.setup.costNote) console.log(`note: ${run.setup.costNote}`);
    if (positions) printPositionTables(positions, chosen, BUDGETS, T, flags.against);
    const result = {
      checkpoint: run.setup.checkpoint, weightsSha256: run.setup.weightsSha256, windows: run.split, windowCount: run.windows.length, perQueryHead: flags['per-query-head'], fullPerplexity: run.fullPerplexity, firstTarget: run.firstTarget,
      predictor: run.predictor && { parameters: run.predictor.net.parameterCount(), samples: run.predictor.samples, losses: run.predictor.losses },
      results: rows.map((r) => ({ method: r.method, budget: r.budget, budgetTokens: r.budgetTokens, layout: r.layout, recovery: r.recovery, perplexity: r.perplexity, fullPerplexity: run.fullPerplexity, targets: r.tokens, kvBytesPerToken: r.kvBytesPerToken, calibrationsPerToken: r.calibrationsPerToken, array: r.array, ...positions?.get(`${r.method}@${r.budget}`) })),
      targets,
    };
    if (flags.json) writeJsonAtomic(flags.json, result);
    if (flags.report) {
      const budgetAxis = { title: { text: 'budget (share of the context)' }, type: 'log', tickvals: BUDGETS, ticktext: BUDGETS.map((b) => `1/${Math.round(1 / b)}`) };
      const line = (y: (r: (typeof rows)[number]) => number) => chosen.map((m) => ({ type: 'scatter', mode: 'lines+markers', name: m, x: BUDGETS, y: BUDGETS.map((b) => y(at(m, b)!)) }));
      writeReport(join(flags.report, 'report.html'), 'KV-cache token selection', [
        {
          heading: 'Recovery and perplexity against the budget',
          html: `<p>Full cache perplexity ${run.fullPerplexity.toFixed(3)} on the same targets (from position ${run.firstTarget}).</p>`,
          table: { columns: ['method', 'budget', 'tokens', 'recovery', 'perplexity', 'KV bytes/token (array)', 'cycles/token', 'prefetch speed-up'], rows: rows.map((r) => [r.method, r.budget, r.budgetTokens, r.recovery, r.perplexity, r.array.kvBytesPerToken, r.array.cyclesPerToken, r.array.prefetchSpeedup]) },
          charts: [
            { title: 'Attention recovery rate against the budget', data: line((r) => r.recovery), layout: { xaxis: budgetAxis, yaxis: { title: { text: 'recovery' } } } },
            { title: 'Perplexity against the budget', data: [...line((r) => r.perplexity), { type: 'scatter', mode: 'lines', name: 'full cache', x: BUDGETS, y: BUDGETS.map(() => run.fullPerplexity), line: { dash: 'dash' } }], layout: { xaxis: budgetAxis, yaxis: { title: { text: 'perplexity' }, type: 'log' } } },
          ],
        },
      ]);
      console.log(`wrote ${join(flags.report, 'report.html')}`);
    }
  },
});
