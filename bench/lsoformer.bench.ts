// LSOformer's prediction of a 20-step QoR trajectory next to running the same recipe in ABC, on the
// median design of the recipe data set (by AND nodes). ABC: the standalone yosys-abc reading the
// stored AIG and printing stats after every step (what the data set records). Ours: the shipped
// checkpoint, from the AIG file to 20 predicted points (read, graph, GCN, level pooling, decoder),
// one recipe; and per recipe when 200 recipes of one design are predicted together (as the recipe
// search does). Best of several rounds, load reported beside.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { readAiger } from '../eda/aig/index.ts';
import { readDatasetRecords } from '../eda/dataset/index.ts';
import { selectBackend } from '../models/common/index.ts';
import { aigGraph, designTensors, disposeDesignTensors, loadModel, opIds, predictStandardized, shippedCheckpointDir } from '../models/qor/lsoformer/index.ts';
import { bestTime, printComparison } from './compare.ts';

const data = process.env.LSO_DATA ?? 'out/lso/recipes200.jsonl';
if (!existsSync(data)) {
  console.log(`lsoformer bench: the recipe data set ${data} is missing (build it: see docs/lsoformer.md); not run`);
  process.exit(0);
}
const records = readDatasetRecords(data).filter((r) => r.status === 'ok' && r.aig?.file && r.trajectories?.length);
const median = [...records].sort((a, b) => a.aig!.ands - b.aig!.ands)[Math.floor(records.length / 2)];
const file = resolve(dirname(data), median.aig!.file!);
const recipe = median.trajectories![0].recipe;
console.log(`median design of ${records.length}: ${median.id} (${median.aig!.ands} AND nodes, ${median.aig!.levels} levels); recipe of ${recipe.length} steps; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const abc = spawnSync('yosys-abc', ['-c', 'quit']).status === 0 ? 'yosys-abc' : undefined;
const script = [`read ${file}`, 'strash', 'print_stats', ...recipe.flatMap((op) => [op, 'print_stats'])].join('; ');
const abcSeconds = abc ? await bestTime(3, () => spawnSync(abc, ['-c', script], { encoding: 'utf8' })) : undefined;

await selectBackend(() => {});
const model = loadModel(shippedCheckpointDir());
const ops = opIds(recipe, 'recipe');
const predictOne = () => {
  const t = designTensors({ graph: aigGraph(readAiger(readFileSync(file), file)) }, model.config.maxBins);
  predictStandardized(model, t, [ops]);
  disposeDesignTensors(t);
};
predictOne(); // warm-up (wasm kernels)
const one = await bestTime(5, predictOne);
const many = median.trajectories!.map((t) => opIds(t.recipe, 'recipe'));
const batch = await bestTime(3, () => {
  const t = designTensors({ graph: aigGraph(readAiger(readFileSync(file), file)) }, model.config.maxBins);
  predictStandardized(model, t, many);
  disposeDesignTensors(t);
});
printComparison('20-step trajectory, one recipe from the AIG file', 's', one, 'yosys-abc', abcSeconds, false);
printComparison(`20-step trajectory per recipe, ${many.length} recipes of one design`, 's', batch / many.length, 'yosys-abc (one recipe)', abcSeconds, false);
console.log(`load after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
