import { defineCommand } from '../command.ts';
import { DEFAULT_DATA, metricsMarkdown, parseMethods, parseSplits, runComparison, settingsFlags, settingsFrom, writeResultsJson } from './lso-common.ts';

export default defineCommand({
  path: ['lso', 'eval'],
  summary: 'score trained LSOformer / baseline models on a split: final MAPE and R², per-step MAPE, NMSE',
  details: `Loads the models \`tessera lso train --out DIR\` wrote (DIR/<split>/<method>/) and scores them on the
split's test recipes of the data set (whatever settings they were trained with). JSON: { split, methods:
{ <method>: { finalMape: { nodes, levels, area, delay }, finalR2, trajectoryMape: { nodes: [per step], levels }
| null, nmse, withinDesign: { spearman, kendall } } }, meanRatio } (an array for several splits); withinDesign
is the rank correlation of predicted and real final QoR across each test design's recipes, averaged over the
designs (the order a recipe search needs); meanRatio scores the reference without a model.
example: tessera lso eval --models out/lso/models --split epfl --json out/lso/epfl.json`,
  flags: [
    { name: 'data', kind: 'string', default: DEFAULT_DATA, valueName: 'FILE', help: 'recipe data set the models were trained on' },
    { name: 'models', kind: 'string', default: 'out/lso/models', valueName: 'DIR', help: 'folder written by tessera lso train --out' },
    { name: 'split', kind: 'string', default: 'inductive', valueName: 'NAMES', help: 'inductive, epfl, case1, comma-separated, or all' },
    { name: 'methods', kind: 'string', default: 'all', valueName: 'LIST', help: 'methods to score, or all' },
    ...settingsFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the metrics as JSON to OUT' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write DIR/index.html with the plots' },
  ],
  async run(flags) {
    const run = await runComparison({ data: flags.data, dir: flags.models, splits: parseSplits(flags.split), methods: parseMethods(flags.methods), settings: settingsFrom(flags), train: false, report: flags.report });
    console.log(metricsMarkdown(run.results));
    if (flags.json) writeResultsJson(flags.json, run.results);
  },
});
