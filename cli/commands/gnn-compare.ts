import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { type RunSpec, checkTargets, modelKinds, paperMargins, summarize } from '../../models/gnn/index.ts';
import { defineCommand } from '../command.ts';
import { writeReport } from '../report/html-report.ts';
import { compareReport } from './gnn-report.ts';
import { arraySpec, checkCounts, parseDatasets, parseModels, runOnPool, settingsForRun, sharedFlags, summaryColumns, summaryRows, textTable } from './gnn-runs.ts';

export default defineCommand({
  path: ['gnn', 'compare'],
  summary: 'SpaceGNN, its ablations and the MLP/GCN/GraphSAGE/BWGNN baselines on the same 50 + 50 label splits: mean ± std table, report',
  details: `Every model runs on every data set with seeds FIRST..FIRST+N-1 (the same seed gives every model the same
labelled nodes). Runs are cached as they finish (.tessera-cache/gnn-runs), so an interrupted comparison resumes.
The JSON maps data set -> model -> { auc: {mean, std}, f1: {mean, std}, runs, seeds, array? }. The report adds
the target check against the best baseline and the paper's margin (+${paperMargins.auc} AUC / +${paperMargins.f1} F1 points).
example: tessera gnn compare --datasets reddit,tolokers,amazon_upu --seeds 5 --report out/gnn --json out/gnn.json`,
  flags: [
    { name: 'datasets', kind: 'string', default: 'reddit,tolokers,amazon_upu', valueName: 'LIST', help: 'comma-separated graphs of ../shared/data/graphs' },
    { name: 'models', kind: 'string', default: modelKinds.join(','), valueName: 'LIST', help: 'comma-separated models' },
    ...sharedFlags,
    { name: 'array-models', kind: 'string', default: 'spacegnn', valueName: 'LIST', help: 'models whose trained runs are also scored on the simulated array (see --array)' },
    { name: 'array-seeds', kind: 'int', default: 1, valueName: 'N', help: 'score the first N seeds of those models on the array (the cost of a pass does not depend on the seed; the JS model of the array computes ~0.3 GMAC/s)' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write report.html (plotly) and runs.json into DIR' },
    { name: 'cached-only', kind: 'boolean', help: 'train nothing: summarise the runs already finished (each model\'s seed count is shown)' },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('runs', 'gnn-runs'));
    checkCounts(flags);
    const datasets = parseDatasets(flags.datasets, '--datasets');
    const models = parseModels(flags.models, '--models');
    const arrayModels = new Set(parseModels(flags['array-models'], '--array-models'));
    const array = arraySpec(flags);
    const specs: RunSpec[] = datasets.flatMap((dataset) => models.flatMap((model) => Array.from({ length: flags.seeds }, (_, i) => ({
      dataset, model, seed: flags.seed + i, settings: settingsForRun(dataset, flags.quick), array: arrayModels.has(model) && i < flags['array-seeds'] ? array : undefined,
    }))));
    const records = await runOnPool(specs, flags.workers, 'gnn compare', flags['cached-only']);
    if (records.length === 0) throw new UserError('no finished runs for these data sets, models and seeds', '--cached-only', 'run gnn compare without --cached-only first');
    if (flags['cached-only'] && records.length < specs.length) console.log(`--cached-only: ${records.length} of ${specs.length} runs have finished; the table counts each model's runs`);
    const summary = summarize(records);
    for (const d of datasets.filter((x) => summary[x])) console.log(`\n${d} (${flags.seeds} seeds from ${flags.seed})\n${textTable(summaryColumns, summaryRows(summary[d]))}`);
    const targets = checkTargets(summary);
    if (targets) {
      console.log(`\nbest baseline by mean AUC: ${targets.bestBaseline} ${(100 * targets.bestBaselineMeanAuc).toFixed(2)} %; SpaceGNN ${(100 * targets.spaceGnnMeanAuc).toFixed(2)} %, above it on ${targets.winsOver.length}/${targets.datasets.length} (${targets.winsOver.join(', ') || 'none'}): target ${targets.met ? 'met' : 'NOT met'}`);
      console.log(`average margin over the best rival per data set: AUC ${targets.averageMargin.auc.toFixed(2)} points (paper +${paperMargins.auc}), F1 ${targets.averageMargin.f1.toFixed(2)} points (paper +${paperMargins.f1})`);
    }
    if (flags.json) {
      writeJsonAtomic(flags.json, summary);
      console.log(`wrote ${flags.json}`);
    }
    if (flags.report) {
      mkdirSync(flags.report, { recursive: true });
      const settings = datasets.map((d) => `<li>${d}: SpaceGNN ${JSON.stringify(settingsForRun(d, flags.quick).spacegnn)}; baselines ${JSON.stringify(settingsForRun(d, flags.quick).baseline)}</li>`).join('');
      const html = `<p>${flags.seeds} seeds from ${flags.seed}; 50 training + 50 validation labels per seed, every other node a test node.${flags.quick ? ' <b>--quick: tiny models, figures not meaningful.</b>' : ''}</p><ul>${settings}</ul>`;
      writeReport(join(flags.report, 'report.html'), 'SpaceGNN: node anomaly detection with 50 + 50 labels', compareReport(summary, records, targets, html));
      writeJsonAtomic(join(flags.report, 'runs.json'), { summary, targets, runs: records });
      console.log(`wrote ${join(flags.report, 'report.html')} and runs.json`);
    }
  },
});
