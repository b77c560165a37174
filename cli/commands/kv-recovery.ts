import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { writeReport } from '../report/html-report.ts';
import {
  budgetLayout, CEILING_METHODS, policyFor, recordWindow, replayRecovery, SELECT_METHODS, type PolicyMethod, type ReplayRecovery,
} from '../../models/llm/kv/index.ts';
import { ProgressBar, UserError, writeJsonAtomic } from '../../util/index.ts';
import { kvSetup } from './kv-common.ts';
import { checkAgainst, methodPositions, parsePositionEdges, positionCharts, positionFlags, printPositionTables } from './kv-by-position.ts';
import { BUDGETS, checkSelectFlags, predictorFromFlags, selectFlags, windowsExcluded } from './kv-select-run.ts';

const METHODS: readonly PolicyMethod[] = [...SELECT_METHODS, ...CEILING_METHODS];

export default defineCommand({
  path: ['kv', 'recovery'],
  summary: 'teacher-forced attention recovery of the selection methods and their ceilings (oracle-max, oracle-sum): a cheap proxy of kv compare',
  details: `One forward pass of the full model over each held-out window records every compressed layer's
queries, keys and attention; each method then replays the window's decode steps on those records
(select when more than the budget is cached, update with the attention over the kept tokens), and
recovery is the full attention's mass on the kept tokens, counted as kv compare counts it. Later
layers see the full model's hidden states rather than the compressed cache's, and no perplexity is
computed: a proxy for choosing settings, at a fraction of a decode's cost. oracle-max ranks blocks by
the step's own pooled attention (a perfect predictor of what AttentionPredictor learns), oracle-sum
by the step's own block masses. --by-position splits each budget's recovery by the tokens cached at
the step (buckets from the given lower edges to the context) and gives every method's per-window
difference to --against's method in each bucket (mean, SD, range, windows above).
example: tessera kv recovery --validation --windows 4 --methods attention-predictor,quest,oracle-max
example: tessera kv recovery --validation --windows 4 --by-position 32,64,128,192`,
  flags: [
    ...selectFlags,
    { name: 'methods', kind: 'string', default: METHODS.join(','), valueName: 'M,...', help: `the methods to replay (a comma list of ${METHODS.join(', ')})` },
    ...positionFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the results (with each window\'s recovery) as JSON' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write report.html (plotly) into DIR: recovery against the budget, and with --by-position each method\'s difference to --against\'s by tokens cached' },
  ],
  async run(flags) {
    checkSelectFlags(flags);
    const methods = flags.methods.split(',').map((m) => m.trim());
    const unknown = methods.find((m) => !(METHODS as readonly string[]).includes(m));
    if (unknown !== undefined || methods.length === 0) throw new UserError(`unknown method '${unknown ?? ''}'`, '--methods', `give a comma list of ${METHODS.join(', ')}`);
    const chosen = METHODS.filter((m) => methods.includes(m));
    checkAgainst(flags, chosen);
    const excluded = windowsExcluded(flags);
    const setup = kvSetup(flags, flags.windows, flags.windows);
    const windows = flags.validation ? setup.tune : setup.test;
    const T = setup.model.config.seqLen;
    const buckets = flags['by-position'] === undefined ? undefined : parsePositionEdges(flags['by-position'], T);
    const predictor = chosen.includes('attention-predictor') ? await predictorFromFlags(flags, setup, BUDGETS) : undefined;
    const bar = new ProgressBar('replaying windows', windows.length * (1 + chosen.length * BUDGETS.length));
    const perWindow = new Map<string, ReplayRecovery[]>();
    for (const w of windows) {
      const rec = recordWindow(setup.model, w, flags['full-layers']);
      bar.tick(1, 'recording');
      for (const method of chosen) {
        for (const fraction of BUDGETS) {
          const budget = Math.round(fraction * T), layout = budgetLayout(budget, flags.block, excluded.has(method));
          const heads = rec.heads.length * (flags['per-query-head'] ? rec.group : 1);
          const policy = policyFor({ method, budget, layout, net: predictor?.net, calibrateEvery: flags['calibrate-every'] }, heads, T);
          const key = `${method}@${fraction}`;
          perWindow.set(key, [...(perWindow.get(key) ?? []), replayRecovery(rec, policy, budget, flags['per-query-head'])]);
          bar.tick(1, `${method} ${fraction}`);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
    bar.finish();
    const positions = buckets ? methodPositions((m, f) => perWindow.get(`${m}@${f}`)!, chosen, BUDGETS, buckets, flags.against) : undefined;
    const rows = chosen.flatMap((method) => BUDGETS.map((fraction) => {
      const ws = perWindow.get(`${method}@${fraction}`)!;
      const recovery = ws.reduce((a, r) => a + r.recovered, 0) / ws.reduce((a, r) => a + r.rows, 0);
      return { method, budget: fraction, budgetTokens: Math.round(fraction * T), recovery, perWindow: ws.map((r) => r.recovered / r.rows), ...positions?.get(`${method}@${fraction}`) };
    }));
    console.log(`teacher-forced recovery on ${windows.length} ${flags.validation ? 'validation' : 'test'} window(s)${flags['per-query-head'] ? ', per query head' : ''}`);
    console.log(`method               ${BUDGETS.map((b) => `1/${Math.round(1 / b)}`.padStart(8)).join('')}    mean`);
    for (const method of chosen) {
      const rs = rows.filter((r) => r.method === method).map((r) => r.recovery);
      console.log(`${method.padEnd(20)} ${rs.map((r) => `${(100 * r).toFixed(2)}%`.padStart(8)).join('')} ${`${(100 * rs.reduce((a, x) => a + x, 0) / rs.length).toFixed(2)}%`.padStart(8)}`);
    }
    if (positions) printPositionTables(positions, chosen, BUDGETS, T, flags.against);
    if (flags.json) {
      writeJsonAtomic(flags.json, {
        checkpoint: setup.checkpoint, weightsSha256: setup.weightsSha256, windows: flags.validation ? 'validation' : 'test', windowCount: windows.length, perQueryHead: flags['per-query-head'],
        history: flags.history, calibrateEvery: flags['calibrate-every'], excludeWindows: [...excluded],
        predictor: predictor && { key: predictor.key, parameters: predictor.net.parameterCount(), samples: predictor.samples, losses: predictor.losses },
        results: rows,
      });
    }
    if (flags.report) {
      const budgetAxis = { title: { text: 'budget (share of the context)' }, type: 'log', tickvals: BUDGETS, ticktext: BUDGETS.map((b) => `1/${Math.round(1 / b)}`) };
      const recovery = { title: 'Teacher-forced attention recovery against the budget', data: chosen.map((m) => ({ type: 'scatter', mode: 'lines+markers', name: m, x: BUDGETS, y: BUDGETS.map((b) => rows.find((r) => r.method === m && r.budget === b)!.recovery) })), layout: { xaxis: budgetAxis, yaxis: { title: { text: 'recovery' } } } };
      const charts = positions ? [...positionCharts(positions, chosen, BUDGETS, flags.against), recovery] : [recovery];
      writeReport(join(flags.report, 'report.html'), 'KV-cache token selection: teacher-forced recovery', [{
        heading: `${windows.length} ${flags.validation ? 'validation' : 'test'} window(s)${flags['per-query-head'] ? ', per query head' : ', per KV head'}`,
        charts,
      }]);
      console.log(`wrote ${join(flags.report, 'report.html')}`);
    }
  },
});
