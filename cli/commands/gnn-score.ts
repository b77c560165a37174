import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { applyThreshold, macroF1, rocAuc, selectBackend } from '../../models/common/index.ts';
import { backendFromFlags } from '../../models/common/gemm/index.ts';
import { evaluateOnBackend, loadGnnCheckpoint, loadGraphDataset, mixScores, shippedGnnCheckpointDir, stratifiedSplit } from '../../models/gnn/index.ts';
import { defineCommand } from '../command.ts';
import { arraySpec, formatCycles, sharedFlags } from './gnn-runs.ts';

const arrayFlags = sharedFlags.filter((f) => ['array', 'array-size', 'group'].includes(f.name));

export default defineCommand({
  path: ['gnn', 'score'],
  summary: 'score every node of a graph with a trained GNN checkpoint (float32, and on the simulated array): test AUC, macro-F1, cost',
  details: `Rebuilds the model of a checkpoint written by \`tessera gnn train --out DIR\` (default: the SpaceGNN checkpoint
shipped in models/gnn/checkpoint), redraws its seed's 50 + 50 label split, scores every node with the
ensemble mix and threshold chosen in training, and prints the test ROC-AUC and macro-F1 (they equal the
checkpoint's record). With --array the products run on the simulated array too.
example: tessera gnn score --array mixpe-w4a8 --json out/scores.json`,
  flags: [
    { name: 'checkpoint', kind: 'string', valueName: 'DIR', help: 'a folder written by gnn train --out (default: the shipped one)' },
    ...arrayFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the metrics and every node\'s score, label and set to OUT' },
  ],
  async run(flags) {
    await selectBackend(() => {});
    const dir = flags.checkpoint ?? shippedGnnCheckpointDir();
    const { config, model, graph } = loadGnnCheckpoint(dir, (name) => loadGraphDataset(name, dir));
    try {
      const mix = model.mixes.find((m) => m.name === config.mix);
      if (!mix) throw new UserError(`the checkpoint's mix '${config.mix}' is not one of the model's`, dir, 'retrain with gnn train --out');
      const split = stratifiedSplit(graph.labels, config.seed);
      const all = Int32Array.from({ length: graph.numNodes }, (_, i) => i);
      const scores = mixScores(model.predict(all), mix);
      const testScores = Float32Array.from(split.test, (i) => scores[i]);
      const testLabels = Uint8Array.from(split.test, (i) => graph.labels[i]);
      const test = { auc: rocAuc(testScores, testLabels), f1: macroF1(applyThreshold(testScores, config.threshold), testLabels) };
      console.log(`${config.model} on ${config.dataset}, seed ${config.seed}: ${graph.numNodes} nodes scored, ${split.test.length} test nodes`);
      console.log(`float32: test AUC ${(100 * test.auc).toFixed(2)} %, macro-F1 ${(100 * test.f1).toFixed(2)} % (mix ${config.mix}, threshold ${config.threshold.toPrecision(4)}; recorded in training: ${(100 * config.test.auc).toFixed(2)} %, ${(100 * config.test.f1).toFixed(2)} %)`);
      const spec = arraySpec(flags);
      const array = spec ? evaluateOnBackend(model, backendFromFlags(spec), graph.labels, split.test, mix, config.threshold) : undefined;
      if (array) {
        console.log(`${array.backend}: test AUC ${(100 * array.test.auc).toFixed(2)} %, macro-F1 ${(100 * array.test.f1).toFixed(2)} %`);
        console.log(`one pass over the graph: ${(array.macs / 1e9).toFixed(2)} GMAC, ${formatCycles(array.cost.cycles)} cycles (${(array.cost.seconds * 1e3).toFixed(2)} ms at the array clock), ${(array.cost.energy.total * 1e3).toFixed(3)} mJ`);
      }
      if (flags.json) {
        const set = new Map<number, string>([...split.train].map((i) => [i, 'train']));
        for (const i of split.validation) set.set(i, 'validation');
        writeJsonAtomic(flags.json, {
          checkpoint: config, test, array,
          nodes: Array.from(all, (i) => ({ node: i, score: scores[i], label: graph.labels[i], set: set.get(i) ?? 'test' })),
        });
        console.log(`wrote ${flags.json}`);
      }
    } finally {
      model.dispose();
    }
  },
});
