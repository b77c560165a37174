// Training time per epoch of our GCN (tfjs wasm backend + the CSR propagation kernel) against the
// same GCN in PyTorch (Debian's python3-torch, CPU), same graph, features, sizes and epoch, same run:
// full-graph forward and backward with the loss over every node, one Adam step; A X is cached on both
// sides. Both sides use one thread (tfjs's wasm backend runs on one; PyTorch is pinned to one), and
// PyTorch with its default threads is shown too. Also: our epoch as `gnn train` runs it (the loss on
// the 50 labelled nodes, so only their rows of the last convolution are computed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { SeededRandom, selectBackend } from '../models/common/index.ts';
import { Gcn, defaultSettings, headsLoss, loadGraphDataset, modelFeatures, stratifiedSplit, trainableVariables } from '../models/gnn/index.ts';
import { dataPath } from '../util/index.ts';
import { printComparison } from './compare.ts';

const python = '/usr/bin/python3';
const datasets = process.argv.slice(2).length ? process.argv.slice(2) : ['reddit', 'tolokers'];
const hidden = 64;
const epochs = 10;

/** Best (and median) CPU and wall seconds of `rounds` calls after one warm-up. */
function timeEpochs(rounds: number, fn: () => void): { wall: number; cpu: number; wallMedian: number; cpuMedian: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  return { wall: Math.min(...wall), cpu: Math.min(...cpu), wallMedian: median(wall), cpuMedian: median(cpu) };
}

function torchEpoch(dataset: string, threads: number): { wall: number; cpu: number; nnz: number; torch: string; threads: number } | undefined {
  if (!existsSync(python)) return undefined;
  const r = spawnSync(python, [new URL('./gnn/gcn_torch.py', import.meta.url).pathname, dataPath('graphs', dataset), String(hidden), String(epochs), String(threads)], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`PyTorch side failed (apt-get install python3-torch python3-numpy): ${r.stderr.trim().split('\n').pop()}`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const backend = await selectBackend(() => {});
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores; tfjs backend ${backend.name}; GCN hidden ${hidden}, best of ${epochs} epochs after a warm-up`);
for (const dataset of datasets) {
  const g = loadGraphDataset(dataset);
  const settings = { ...defaultSettings.baseline, hidden };
  const model = new Gcn(g.adjacency, modelFeatures(g), g.numFeatures, settings, 1);
  const optimizer = tf.train.adam(1e-2);
  const vars = trainableVariables(model.params);
  const random = new SeededRandom(1);
  const everyNode = Int32Array.from({ length: g.numNodes }, (_, i) => i);
  const step = (nodes: Int32Array, labels: Uint8Array) => () => {
    const cost = optimizer.minimize(() => headsLoss(model, nodes, labels, random), true, vars);
    cost?.dispose();
  };
  const ours = timeEpochs(epochs, step(everyNode, g.labels));
  const split = stratifiedSplit(g.labels, 1);
  const labelled = timeEpochs(epochs, step(split.train, Uint8Array.from(split.train, (i) => g.labels[i])));
  model.dispose();
  optimizer.dispose();
  const single = torchEpoch(dataset, 1);
  const multi = torchEpoch(dataset, availableParallelism());
  console.log(`\n${dataset}: ${g.numNodes} nodes, ${single?.nnz ?? '?'} entries of D^-1/2 (A+I) D^-1/2, ${g.numFeatures} features`);
  console.log(`  tessera full-graph epoch: ${(ours.wall * 1000).toFixed(1)} ms wall (median ${(ours.wallMedian * 1000).toFixed(1)}), ${(ours.cpu * 1000).toFixed(1)} ms CPU`);
  console.log(`  tessera epoch as gnn train runs it (loss on 50 labelled nodes): ${(labelled.wall * 1000).toFixed(1)} ms wall, ${(labelled.cpu * 1000).toFixed(1)} ms CPU`);
  printComparison(`  GCN epoch, wall, 1 thread each (${dataset})`, 's', ours.wall, `torch ${single?.torch ?? ''} 1 thread`, single?.wall, false);
  printComparison(`  GCN epoch, CPU, 1 thread each (${dataset})`, 's', ours.cpu, `torch ${single?.torch ?? ''} 1 thread`, single?.cpu, false);
  printComparison(`  GCN epoch, wall, torch on ${availableParallelism()} threads (${dataset})`, 's', ours.wall, `torch ${multi?.threads ?? ''} threads`, multi?.wall, false);
}
console.log(`\nload average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
