// What `tessera lso train` and `tessera lso eval` share: loading the recipe data set, running the
// comparison, the metrics table, the JSON shape and the plotly report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import {
  CHANNELS, METHODS, SPLITS, defaultSettings, designTensors, disposeDesignTensors, loadRecipeDataset, runExperiment,
  type LsoDesign, type Method, type MethodMetrics, type RunPrediction, type SplitName, type SplitResult, type TrainSettings,
} from '../../models/qor/lsoformer/index.ts';
import { writeReport, type Chart, type ReportSection } from '../report/html-report.ts';

export const DEFAULT_DATA = 'out/lso/recipes200.jsonl';
export const BUILD_COMMAND = 'tessera dataset build --corpus recipes --recipes 200 --seed 1 --yosys native --liberty nangate45 --timeout 2400 --out out/lso/recipes200.jsonl';

export function parseSplits(value: string): SplitName[] {
  if (value === 'all') return [...SPLITS];
  return value.split(',').map((s) => {
    if (!(SPLITS as readonly string[]).includes(s)) throw new UserError(`unknown split '${s}'`, '--split', `choose from ${SPLITS.join(', ')} or all`);
    return s as SplitName;
  });
}

export function parseMethods(value: string): Method[] {
  if (value === 'all') return [...METHODS];
  return value.split(',').map((m) => {
    if (!(METHODS as readonly string[]).includes(m)) throw new UserError(`unknown method '${m}'`, '--methods', `choose from ${METHODS.join(', ')} or all`);
    return m as Method;
  });
}

export interface RunOptions { data: string; dir: string; splits: SplitName[]; methods: Method[]; settings: TrainSettings; train: boolean; report?: string }

/** Loads the data, runs (or reloads) every model, and returns the results with the predictions kept for plots. */
export async function runComparison(o: RunOptions): Promise<{ results: SplitResult[]; dataHash: string; designs: readonly LsoDesign[]; leftOut: { id: string; why: string }[]; backend: string }> {
  if (!existsSync(o.data)) throw new UserError(`data set not found: ${o.data}`, '--data', `build it with \`${BUILD_COMMAND}\``);
  const backend = await selectBackend();
  const { designs, leftOut, hash } = loadRecipeDataset(o.data);
  if (designs.length < 5) throw new UserError(`only ${designs.length} usable designs in ${o.data}; need at least 5`, '--data');
  if (!o.train) {
    for (const s of o.splits) for (const m of o.methods) {
      if (!existsSync(join(o.dir, s, m, 'checkpoint.json'))) throw new UserError(`no trained ${m} model for split ${s} in ${o.dir}`, '--models', 'train it first with `tessera lso train --out DIR`');
    }
  }
  const tensors = designs.map((d) => designTensors(d, o.settings.maxBins));
  const predictions = new Map<string, RunPrediction[]>();
  try {
    const results = await runExperiment({
      designs, tensors, dataHash: hash, settings: o.settings, splits: o.splits, methods: o.methods, dir: o.dir, train: o.train,
      onPredictions: (s, m, p) => predictions.set(`${s}/${m}`, p),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    if (o.report) writeReport(join(o.report, 'index.html'), 'LSOformer: QoR trajectory prediction', reportSections(results, designs, predictions));
    return { results, dataHash: hash, designs, leftOut, backend: backend.name };
  } finally {
    tensors.forEach(disposeDesignTensors);
  }
}

const pct = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');

export function metricsMarkdown(results: readonly SplitResult[]): string {
  return results.map((r) => {
    const head = `#### ${r.split}: ${r.trainDesigns} training designs, ${r.testDesigns} test designs, ${r.testRuns} test recipes\n\n`;
    const cols = '| method | MAPE % nodes | levels | area | delay | R² nodes | levels | area | delay | NMSE nodes | levels | area | delay | Spearman in design: nodes | levels | area | delay | step: MAPE % nodes | train s |\n|---|' + '---|'.repeat(19) + '\n';
    const row = (m: string, x: MethodMetrics, trainSeconds: string) => {
      const t = x.trajectoryMape;
      const steps = t ? [...new Set([0, 4, 9, t.nodes.length - 1])].filter((j) => j < t.nodes.length).map((j) => `${j + 1}: ${t.nodes[j].toFixed(2)}`).join(', ') : '-';
      return `| ${m} | ${CHANNELS.map((c) => pct(x.finalMape[c])).join(' | ')} | ${CHANNELS.map((c) => x.finalR2[c].toFixed(3)).join(' | ')} | ${CHANNELS.map((c) => x.nmse[c].toFixed(3)).join(' | ')} | ${CHANNELS.map((c) => x.withinDesign.spearman[c].toFixed(3)).join(' | ')} | ${steps} | ${trainSeconds} |`;
    };
    const rows = Object.entries(r.methods).map(([m, x]) => row(m, x!, x!.trainSeconds.toFixed(0)));
    rows.push(row('(mean ratio, no model)', r.meanRatio, '-'));
    return head + cols + rows.join('\n') + '\n';
  }).join('\n');
}

/** The JSON of `lso eval` / `lso train --json`: one object per split. */
export function resultsJson(results: readonly SplitResult[]) {
  return results.map((r) => ({
    split: r.split, trainDesigns: r.trainDesigns, testDesigns: r.testDesigns, testRuns: r.testRuns,
    methods: Object.fromEntries(Object.entries(r.methods).map(([m, x]) => [m, { finalMape: x!.finalMape, finalR2: x!.finalR2, trajectoryMape: x!.trajectoryMape, nmse: x!.nmse, withinDesign: x!.withinDesign, trainSeconds: x!.trainSeconds, epochs: x!.epochs }])),
    meanRatio: { finalMape: r.meanRatio.finalMape, finalR2: r.meanRatio.finalR2, nmse: r.meanRatio.nmse, withinDesign: r.meanRatio.withinDesign },
  }));
}

export function writeResultsJson(path: string, results: readonly SplitResult[]): void {
  const json = resultsJson(results);
  writeJsonAtomic(path, json.length === 1 ? json[0] : json);
}

function reportSections(results: readonly SplitResult[], designs: readonly LsoDesign[], predictions: ReadonlyMap<string, RunPrediction[]>): ReportSection[] {
  return results.flatMap((r): ReportSection[] => {
    const methods = Object.keys(r.methods) as Method[];
    const stepChart: Chart = {
      title: `${r.split}: MAPE of AND nodes after each step`,
      data: methods.filter((m) => r.methods[m]!.trajectoryMape).map((m) => ({ type: 'scatter', mode: 'lines+markers', name: m, x: r.methods[m]!.trajectoryMape!.nodes.map((_, j) => j + 1), y: r.methods[m]!.trajectoryMape!.nodes })),
      layout: { xaxis: { title: { text: 'step' } }, yaxis: { title: { text: 'MAPE %' } } },
    };
    const lso = predictions.get(`${r.split}/lsoformer`) ?? [];
    // Predicted vs real trajectories: the first test recipe of up to six test designs.
    const shown = [...new Map(lso.map((p) => [p.design, p])).values()].slice(0, 6);
    const trajectories: Chart = {
      title: `${r.split}: LSOformer's predicted (dashed) vs ABC's (solid) AND nodes, first test recipe per design`,
      data: shown.flatMap((p) => {
        const d = designs[p.design];
        const real = [d.start.nodes, ...d.runs[p.run].labels.steps.map((s) => s.nodes)];
        const pred = [d.start.nodes, ...p.steps!.map((s) => s[0])];
        const x = real.map((_, j) => j);
        return [
          { type: 'scatter', mode: 'lines', name: `${d.id} ABC`, x, y: real },
          { type: 'scatter', mode: 'lines', line: { dash: 'dash' }, name: `${d.id} predicted`, x, y: pred },
        ];
      }),
      layout: { xaxis: { title: { text: 'step' } }, yaxis: { title: { text: 'AND nodes' }, type: 'log' } },
    };
    const scatter: Chart = {
      title: `${r.split}: final AND nodes, predicted vs ABC (every test recipe)`,
      data: methods.map((m) => {
        const p = predictions.get(`${r.split}/${m}`) ?? [];
        return { type: 'scattergl', mode: 'markers', marker: { size: 3 }, name: m, x: p.map((q) => designs[q.design].runs[q.run].labels.steps.at(-1)!.nodes), y: p.map((q) => q.final[0]) };
      }),
      layout: { xaxis: { title: { text: 'ABC' }, type: 'log' }, yaxis: { title: { text: 'predicted' }, type: 'log' } },
    };
    return [{ heading: `Split: ${r.split}`, html: `<pre>${metricsMarkdown([r])}</pre>`, charts: [stepChart, trajectories, scatter] }];
  });
}

export const settingsFlags = [
  { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the splits, initialisation and batch order' },
  { name: 'epochs', kind: 'int', default: defaultSettings.epochs, valueName: 'N', help: 'training epochs (early stopping on the validation runs)' },
  { name: 'recipes-per-epoch', kind: 'int', default: defaultSettings.recipesPerEpoch, valueName: 'N', help: 'recipes of each training design per epoch, drawn afresh, in one mini-batch (0: all, in batches of 100)' },
  { name: 'batch-recipes', kind: 'int', default: 0, valueName: 'N', help: 'recipes per mini-batch, all of one design (0: --recipes-per-epoch, or 100 when that is 0)' },
  { name: 'patience', kind: 'int', default: defaultSettings.patience, valueName: 'N', help: 'stop after N epochs without a better validation loss' },
  { name: 'design-z-weight', kind: 'number', default: defaultSettings.designZWeight, valueName: 'W', help: 'weight of the within-design loss (final QoR as per-design z-scores); 0 trains on the absolute targets only' },
  { name: 'no-recipe-term', kind: 'boolean', help: 'LSOformer without the linear term on its recipe\'s operation counts (fitted after training, scaled on the validation runs)' },
  { name: 'recipe-inputs', kind: 'boolean', help: 'LSOformer family: the recipe\'s operation counts so far (and in the last 5 steps) as inputs to every recipe token' },
  { name: 'weight-decay', kind: 'number', default: defaultSettings.weightDecay, valueName: 'W', help: 'L2 penalty on the weight matrices, added to the loss' },
  { name: 'rank-weight', kind: 'number', default: defaultSettings.rankWeight, valueName: 'W', help: 'weight of the pairwise ranking loss on the final QoR within each design\'s recipes' },
  { name: 'quick', kind: 'boolean', help: 'tiny models and 2 epochs (smoke test; the figures mean nothing)' },
] as const;

export function settingsFrom(flags: { seed: number; epochs: number; 'recipes-per-epoch': number; 'design-z-weight': number; patience: number; 'batch-recipes': number; 'no-recipe-term': boolean; 'recipe-inputs': boolean; 'weight-decay': number; 'rank-weight': number; quick: boolean }): TrainSettings {
  const n = flags['recipes-per-epoch'];
  if (n < 0) throw new UserError('must be 0 (all) or more', '--recipes-per-epoch');
  const w = flags['design-z-weight'];
  if (!(w >= 0)) throw new UserError('must be 0 or more', '--design-z-weight');
  if (flags['batch-recipes'] < 0) throw new UserError('must be 0 or more', '--batch-recipes');
  if (flags.patience < 1) throw new UserError('must be at least 1', '--patience');
  if (flags['weight-decay'] < 0) throw new UserError('must be 0 or more', '--weight-decay');
  if (flags['rank-weight'] < 0) throw new UserError('must be 0 or more', '--rank-weight');
  const s = { ...defaultSettings, seed: flags.seed, epochs: flags.epochs, recipesPerEpoch: n, batchRecipes: flags['batch-recipes'] > 0 ? flags['batch-recipes'] : n > 0 ? n : 100, designZWeight: w, patience: flags.patience, recipeTerm: !flags['no-recipe-term'], recipeInputs: flags['recipe-inputs'], weightDecay: flags['weight-decay'], rankWeight: flags['rank-weight'] };
  return flags.quick ? { ...s, gcn: { dim: 8, layers: 1 }, dim: 16, heads: 2, layers: 1, ffDim: 16, epochs: 2, recipesPerEpoch: 10, batchRecipes: 10 } : s;
}
