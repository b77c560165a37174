// One run of the protocol as a worker task (util's WorkerPool runs this module's default export):
// train, evaluate on the test nodes, optionally score the graph on the simulated array and save the
// weights. Graphs are read once per worker.
import { selectBackend } from '../common/index.ts';
import { backendFromFlags } from '../common/gemm/index.ts';
import { saveGnnCheckpoint } from './checkpoint.ts';
import { evaluateOnBackend } from './array-inference.ts';
import type { RunRecord, RunSpec } from './experiment.ts';
import { type AnomalyGraph, loadGraphDataset } from './graph.ts';
import { runOnce } from './train.ts';

const graphs = new Map<string, AnomalyGraph>();

export async function executeRun(spec: RunSpec, backendName: string): Promise<RunRecord> {
  const graph = graphs.get(spec.dataset) ?? loadGraphDataset(spec.dataset);
  graphs.set(spec.dataset, graph);
  const { result, model, split } = await runOnce(graph, spec.model, spec.settings, spec.seed);
  try {
    const mix = model.mixes.find((m) => m.name === result.mix)!;
    const array = spec.array ? evaluateOnBackend(model, backendFromFlags(spec.array), graph.labels, split.test, mix, result.threshold) : undefined;
    if (spec.checkpointDir) {
      saveGnnCheckpoint(spec.checkpointDir, { model: spec.model, dataset: spec.dataset, seed: spec.seed, dataHash: graph.dataHash, settings: spec.settings, mix: result.mix, threshold: result.threshold, test: result.test }, model);
    }
    return { ...result, dataHash: graph.dataHash, backend: backendName, array };
  } finally {
    model.dispose();
  }
}

export default async function run(spec: RunSpec): Promise<RunRecord> {
  const backend = await selectBackend(() => {});
  return executeRun(spec, backend.name);
}
