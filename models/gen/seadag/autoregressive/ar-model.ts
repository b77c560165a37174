import * as tf from '@tensorflow/tfjs';
import { Parameters, loadCheckpoint, saveCheckpoint } from '../../../common/index.ts';
import { canvasSize } from '../canvas.ts';
import type { PairRecord } from '../data/dataset.ts';
import { SETTINGS, type SettingName } from '../data/truth-function.ts';
import { canvasPairs } from '../diffusion-model.ts';
import { featureCount, packBatch } from '../model/features.ts';
import { batchTensors, disposeBatch, type NetworkConfig } from '../model/network.ts';
import type { CanvasPair } from '../model/training-batch.ts';
import { trainSteps, type LossPoint } from '../training-loop.ts';
import { arForward, defineArNetwork } from './ar-network.ts';
import { stateGraph, teacherActions, type ArState } from './ar-state.ts';

/** The autoregressive baseline's checkpoint config. */
export interface ArConfig {
  readonly kind: 'seadag-autoregressive';
  readonly setting: SettingName;
  readonly network: NetworkConfig;
  /** The sampler stops adding ANDs here (the largest training graph). */
  readonly maxAnds: number;
}

export interface ArTrainSettings {
  readonly steps: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly hidden: number;
  readonly layers: number;
  readonly seed: number;
  readonly checkpointEvery: number;
}

export class ArModel {
  constructor(readonly config: ArConfig, readonly params: Parameters) {}

  static create(config: ArConfig, seed: number): ArModel {
    const p = new Parameters(seed);
    defineArNetwork(p, config.network);
    return new ArModel(config, p);
  }

  static load(dir: string): ArModel {
    const { config, weights } = loadCheckpoint<ArConfig>(dir);
    if (config.kind !== 'seadag-autoregressive') throw new Error(`${dir} holds a ${String(config.kind)} checkpoint, not the autoregressive baseline`);
    const model = ArModel.create(config, 0);
    model.params.restore(weights);
    return model;
  }

  save(dir: string): void {
    saveCheckpoint(dir, this.config, this.params.snapshot());
  }

  dispose(): void {
    this.params.dispose();
  }
}

interface Teacher {
  readonly pair: CanvasPair;
  readonly actions: ReturnType<typeof teacherActions>;
}

const NEG = -1e9;

/** A batch of (graph, prefix) instances with the teacher's next action, and the loss over it. */
function arBatch(model: ArModel, teachers: readonly Teacher[], rand: () => number) {
  const B = teachers.length;
  const inst = teachers.map((t) => {
    const k = t.actions.ands.length;
    const j = Math.floor(rand() * (k + 1));
    const state: ArState = { inputs: t.pair.clean.canvas.inputs, outputs: t.pair.clean.canvas.outputs, ands: t.actions.ands.slice(0, j) };
    return { t, j, k, graph: stateGraph(state).graph };
  });
  const N = Math.max(...inst.map((x) => canvasSize(x.graph.canvas)));
  const O = inst[0].graph.canvas.outputs;
  const packed = packBatch(inst.map((x) => ({ graph: x.graph, tau: new Int32Array(canvasSize(x.graph.canvas)), steps: 1, target: x.t.pair.target })), N);
  const stopLabel = new Float32Array(B);
  const firstSelect = new Float32Array(B * N);
  const firstOneHot = new Float32Array(B * N * 2);
  const secondOneHot = new Float32Array(B * N * 2);
  const candidates = new Float32Array(B * N * 2).fill(NEG);
  const secondCandidates = new Float32Array(B * N * 2).fill(NEG);
  const outputSelect = new Float32Array(B * O * N);
  const outputOneHot = new Float32Array(B * O * N * 2);
  const outputCandidates = new Float32Array(B * O * N * 2).fill(NEG);
  const adding = new Float32Array(B);
  inst.forEach((x, b) => {
    const n = canvasSize(x.graph.canvas);
    for (let u = 0; u < n - O; u++) for (let pol = 0; pol < 2; pol++) {
      candidates[(b * N + u) * 2 + pol] = 0;
      for (let o = 0; o < O; o++) outputCandidates[((b * O + o) * N + u) * 2 + pol] = 0;
    }
    for (let o = 0; o < O; o++) outputSelect[(b * O + o) * N + n - O + o] = 1;
    if (x.j === x.k) {
      stopLabel[b] = 1;
      x.t.actions.outputs.forEach(([u, neg], o) => (outputOneHot[((b * O + o) * N + u) * 2 + (neg ? 1 : 0)] = 1));
      return;
    }
    adding[b] = 1;
    const [[u1, n1], [u2, n2]] = x.t.actions.ands[x.j];
    firstSelect[b * N + u1] = 1;
    firstOneHot[(b * N + u1) * 2 + (n1 ? 1 : 0)] = 1;
    secondOneHot[(b * N + u2) * 2 + (n2 ? 1 : 0)] = 1;
    for (let u = 0; u < n - O; u++) if (u !== u1) for (let pol = 0; pol < 2; pol++) secondCandidates[(b * N + u) * 2 + pol] = 0;
  });
  const t = batchTensors(packed);
  const tensors = {
    stopLabel: tf.tensor1d(stopLabel),
    adding: tf.tensor1d(adding),
    firstSelect: tf.tensor3d(firstSelect, [B, 1, N]),
    firstOneHot: tf.tensor2d(firstOneHot, [B, N * 2]),
    secondOneHot: tf.tensor2d(secondOneHot, [B, N * 2]),
    candidates: tf.tensor2d(candidates, [B, N * 2]),
    secondCandidates: tf.tensor2d(secondCandidates, [B, N * 2]),
    outputSelect: tf.tensor3d(outputSelect, [B, O, N]),
    outputOneHot: tf.tensor3d(outputOneHot, [B, O, N * 2]),
    outputCandidates: tf.tensor3d(outputCandidates, [B, O, N * 2]),
  };
  return {
    loss: () => {
      const out = arForward(model.params, model.config.network, t, tensors.firstSelect, tensors.outputSelect);
      const stop = tf.losses.sigmoidCrossEntropy(tensors.stopLabel, out.stop) as tf.Scalar;
      const ce = (logits: tf.Tensor, mask: tf.Tensor, oneHot: tf.Tensor) => tf.neg(tf.logSoftmax(logits.add(mask)).mul(oneHot).sum(-1));
      const count = tensors.adding.sum().maximum(1);
      const first = ce(out.first, tensors.candidates, tensors.firstOneHot).mul(tensors.adding).sum().div(count) as tf.Scalar;
      const second = ce(out.second, tensors.secondCandidates, tensors.secondOneHot).mul(tensors.adding).sum().div(count) as tf.Scalar;
      const stops = tensors.stopLabel.sum().maximum(1);
      const outputs = ce(out.outputs, tensors.outputCandidates, tensors.outputOneHot).sum(1).mul(tensors.stopLabel).sum().div(stops) as tf.Scalar;
      return { total: stop.add(first).add(second).add(outputs) as tf.Scalar, parts: { stop, first, second, outputs } };
    },
    dispose: () => {
      disposeBatch(t);
      tf.dispose(Object.values(tensors));
    },
  };
}

/** Trains the autoregressive baseline with teacher forcing on random prefixes of ABC's graphs (resumable from `outDir`). */
export async function trainAutoregressive(setting: SettingName, train: readonly PairRecord[], s: ArTrainSettings, outDir: string, quiet = false): Promise<{ model: ArModel; history: LossPoint[] }> {
  const pairs = canvasPairs(train);
  const teachers: Teacher[] = pairs.map((pair) => ({ pair, actions: teacherActions(pair.clean) }));
  const { inputs, outputs } = SETTINGS[setting];
  const minterms = 2 ** inputs;
  const config: ArConfig = {
    kind: 'seadag-autoregressive',
    setting,
    network: { features: featureCount(minterms, outputs), condition: minterms * outputs, hidden: s.hidden, layers: s.layers },
    maxAnds: Math.max(...teachers.map((t) => t.actions.ands.length)),
  };
  const model = ArModel.create(config, s.seed);
  const history = await trainSteps({
    label: `train autoregressive ${setting}`,
    outDir,
    config: { config, settings: s },
    params: model.params,
    learningRate: s.learningRate,
    steps: s.steps,
    seed: s.seed,
    checkpointEvery: s.checkpointEvery,
    quiet,
    batch: (r) => arBatch(model, Array.from({ length: s.batch }, () => teachers[Math.floor(r() * teachers.length)]), r),
  });
  return { model, history };
}
