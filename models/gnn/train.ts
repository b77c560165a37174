import * as tf from '@tensorflow/tfjs';
import { SeededRandom, applyThreshold, bestF1Threshold, macroF1, rocAuc } from '../common/index.ts';
import { trainLoop } from '../common/training/index.ts';
import { type AnomalyGraph, standardizeColumns } from './graph.ts';
import { trainableVariables, trainingGemm } from './layers.ts';
import { type Mix, type NodeScorer, mixScores } from './model.ts';
import { type ModelKind, createModel, optimizerSettings } from './models.ts';
import type { GnnSettings, OptimizerSettings } from './settings.ts';
import { type LabelSplit, stratifiedSplit } from './split.ts';

/** The validation choice of one epoch: the best mix of heads, its threshold and scores. */
interface EpochChoice {
  readonly mix: Mix;
  readonly auc: number;
  readonly f1: number;
  readonly threshold: number;
}

export interface RunResult {
  readonly model: ModelKind;
  readonly dataset: string;
  readonly seed: number;
  /** ROC-AUC and macro-F1 on the test nodes (every node outside the 100 labelled ones). */
  readonly test: { readonly auc: number; readonly f1: number };
  readonly validation: { readonly auc: number; readonly f1: number };
  /** Chosen on validation: the epoch (1-based), the ensemble mix and the F1 threshold on the score. */
  readonly epoch: number;
  readonly mix: string;
  readonly threshold: number;
  readonly epochsRun: number;
  readonly trainLoss: readonly number[];
  readonly validationScore: readonly number[];
  readonly learned: Record<string, number[]>;
  /** The final anomaly score of every test node (in the split's ascending node order). */
  readonly testScores: readonly number[];
  readonly seconds: { readonly train: number; readonly test: number };
  readonly split: { readonly train: number; readonly validation: number; readonly test: number; readonly trainAnomalies: number; readonly validationAnomalies: number };
}

/** Cross-entropy of log-probabilities at the labels, optionally weighing each class by the inverse of its count. */
function crossEntropy(logProbabilities: tf.Tensor2D, labels: Uint8Array, weighting: NodeScorer['classWeighting']): tf.Scalar {
  const positives = labels.reduce((s, y) => s + y, 0);
  const weightOf = (y: number) => (weighting === 'none' ? 1 : y === 1 ? 1 / Math.max(1, positives) : 1 / Math.max(1, labels.length - positives));
  const weights = Float32Array.from(labels, weightOf);
  const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
  const picked = logProbabilities.mul(oneHot).sum(1);
  const w = tf.tensor1d(weights);
  return picked.mul(w).sum().div(w.sum()).neg() as tf.Scalar;
}

/** The training loss of a model on labelled nodes: the sum over its heads of their cross-entropies (training mode). */
export function headsLoss(model: NodeScorer, nodes: Int32Array, labels: Uint8Array, random: SeededRandom): tf.Scalar {
  const heads = model.logProbabilities(nodes, { training: true, gemm: trainingGemm, random });
  return heads.map((lp) => crossEntropy(lp, labels, model.classWeighting)).reduce((a, b) => a.add(b));
}

/** The best mix of the model's heads on validation nodes (AUC + F1 at the best threshold); earlier mixes win ties. */
export function chooseMix(heads: readonly Float32Array[], labels: Uint8Array, mixes: readonly Mix[]): EpochChoice {
  let best: EpochChoice | undefined;
  for (const mix of mixes) {
    const scores = mixScores(heads, mix);
    const auc = rocAuc(scores, labels);
    const { threshold, f1 } = bestF1Threshold(scores, labels);
    if (!best || auc + f1 > best.auc + best.f1) best = { mix, auc, f1, threshold };
  }
  return best!;
}

export interface TrainOptions {
  readonly optimizer: OptimizerSettings;
  /** Seeds dropout; the weights were seeded when the model was made. */
  readonly seed: number;
  readonly quiet?: boolean;
  readonly label?: string;
}

/**
 * Trains a model on the split's training labels and keeps the epoch whose validation AUC + macro-F1
 * is best (the later epoch wins a tie, as in the authors' code), with the mix and threshold chosen on the same validation
 * nodes; then scores the test nodes once with those. The test labels are read only at the end.
 */
export async function trainAndEvaluate(model: NodeScorer, labels: Uint8Array, split: LabelSplit, o: TrainOptions): Promise<Omit<RunResult, 'model' | 'dataset' | 'seed' | 'split'>> {
  const trainLabels = Uint8Array.from(split.train, (i) => labels[i]);
  const validationLabels = Uint8Array.from(split.validation, (i) => labels[i]);
  const random = new SeededRandom(o.seed ^ 0xd209);
  const optimizer = tf.train.adam(o.optimizer.learningRate);
  const choices: EpochChoice[] = [];
  const t0 = performance.now();
  const history = await trainLoop({
    params: model.params,
    varList: trainableVariables(model.params),
    optimizer,
    epochs: o.optimizer.epochs,
    batches: () => [split.train],
    loss: (nodes) => headsLoss(model, nodes, trainLabels, random),
    validationLoss: () => {
      const choice = chooseMix(model.predict(split.validation), validationLabels, model.mixes);
      choices.push(choice);
      return -(choice.auc + choice.f1);
    },
    patience: o.optimizer.epochs,
    ties: 'latest',
    label: o.label ?? 'train',
    quiet: o.quiet,
  });
  optimizer.dispose();
  const train = (performance.now() - t0) / 1000;
  const chosen = choices[history.bestEpoch];
  const t1 = performance.now();
  const testScores = mixScores(model.predict(split.test), chosen.mix);
  const testLabels = Uint8Array.from(split.test, (i) => labels[i]);
  const test = { auc: rocAuc(testScores, testLabels), f1: macroF1(applyThreshold(testScores, chosen.threshold), testLabels) };
  return {
    test,
    validation: { auc: chosen.auc, f1: chosen.f1 },
    epoch: history.bestEpoch + 1,
    mix: chosen.mix.name,
    threshold: chosen.threshold,
    epochsRun: history.trainLoss.length,
    trainLoss: history.trainLoss,
    validationScore: choices.map((c) => c.auc + c.f1),
    learned: model.describe(),
    testScores: Array.from(testScores),
    seconds: { train, test: (performance.now() - t1) / 1000 },
  };
}

/** Standardised features of a graph (see standardizeColumns). */
export function modelFeatures(graph: AnomalyGraph): Float32Array {
  return standardizeColumns(graph.features, graph.numNodes, graph.numFeatures);
}

/** One run of the protocol: the seed draws the 50 + 50 labels, the initial weights and dropout. */
export async function runOnce(graph: AnomalyGraph, kind: ModelKind, settings: GnnSettings, seed: number, quiet = true): Promise<{ result: RunResult; model: NodeScorer; split: LabelSplit }> {
  const split = stratifiedSplit(graph.labels, seed);
  const model = createModel(kind, graph, modelFeatures(graph), settings, seed);
  const outcome = await trainAndEvaluate(model, graph.labels, split, { optimizer: optimizerSettings(kind, settings), seed, quiet, label: `${kind} ${graph.name} seed ${seed}` });
  const count = (nodes: Int32Array) => nodes.reduce((s, i) => s + graph.labels[i], 0);
  const result: RunResult = {
    model: kind, dataset: graph.name, seed, ...outcome,
    split: { train: split.train.length, validation: split.validation.length, test: split.test.length, trainAnomalies: count(split.train), validationAnomalies: count(split.validation) },
  };
  return { result, model, split };
}
