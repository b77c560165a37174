import { join } from 'node:path';
import { UserError, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { type RunSpec, graphDatasets, isModelKind, modelKinds, summarize } from '../../models/gnn/index.ts';
import { defineCommand } from '../command.ts';
import { arraySpec, checkCounts, formatCycles, formatMeanStd, runOnPool, settingsForRun, sharedFlags, summaryColumns, summaryRows, textTable } from './gnn-runs.ts';

export default defineCommand({
  path: ['gnn', 'train'],
  summary: 'train a node anomaly detector (SpaceGNN, an ablation or a baseline) on 50 + 50 labels, N seeds; test AUC and macro-F1',
  details: `Each seed draws 50 training and 50 validation nodes (stratified, at least one anomaly each); every other node
is a test node. The epoch, the ensemble mix and the F1 threshold are chosen on validation AUC + F1; the test nodes
are scored once at the end. With --array (default int8) the trained model then scores the whole graph with its
products on the simulated array: the test AUC as the array computes it and the cycles and energy of one pass.
Finished runs are cached (.tessera-cache/gnn-runs): a rerun resumes. See docs/spacegnn.md.
example: tessera gnn train --model spacegnn --dataset tolokers --seeds 5 --json out/tolokers.json`,
  flags: [
    { name: 'model', kind: 'string', default: 'spacegnn', choices: modelKinds, help: 'the model to train' },
    { name: 'dataset', kind: 'string', required: true, choices: graphDatasets, help: 'a graph of ../shared/data/graphs' },
    ...sharedFlags,
    { name: 'out', kind: 'string', valueName: 'DIR', help: 'save each seed\'s trained weights to DIR/seed-S (checkpoint.json + weights.bin)' },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('runs (one per seed)', 'gnn-runs'));
    checkCounts(flags);
    if (!isModelKind(flags.model)) throw new UserError(`unknown model '${flags.model}'`, '--model', `choose from: ${modelKinds.join(', ')}`);
    const settings = settingsForRun(flags.dataset, flags.quick);
    const array = arraySpec(flags);
    const specs: RunSpec[] = Array.from({ length: flags.seeds }, (_, i) => ({
      dataset: flags.dataset, model: flags.model as RunSpec['model'], seed: flags.seed + i, settings, array,
      checkpointDir: flags.out ? join(flags.out, `seed-${flags.seed + i}`) : undefined,
    }));
    const records = await runOnPool(specs, flags.workers, `gnn train ${flags.model} ${flags.dataset}`);
    const rows = records.map((r) => [
      String(r.seed), (100 * r.test.auc).toFixed(2), (100 * r.test.f1).toFixed(2), `${r.epoch}/${r.epochsRun}`, r.mix,
      r.array ? (100 * r.array.test.auc).toFixed(2) : '-', r.array ? formatCycles(r.array.cost.cycles) : '-',
    ]);
    console.log(textTable(['seed', 'test AUC %', 'test macro-F1 %', 'epoch', 'mix', 'array AUC %', 'cycles/graph'], rows));
    const summary = summarize(records)[flags.dataset][flags.model];
    console.log(`\n${textTable(summaryColumns, summaryRows({ [flags.model]: summary }))}`);
    if (records[0].array) console.log(`array: ${records[0].array.backend}`);
    console.log(`mean ± std over ${records.length} seeds: AUC ${formatMeanStd(summary.auc)} %, macro-F1 ${formatMeanStd(summary.f1)} %`);
    if (flags.json) {
      writeJsonAtomic(flags.json, { dataset: flags.dataset, model: flags.model, auc: summary.auc, f1: summary.f1, array: summary.array, settings, runs: records });
      console.log(`wrote ${flags.json}`);
    }
    if (flags.out) console.log(`checkpoints in ${flags.out}/seed-*`);
  },
});
