import { SeededRandom } from '../common/index.ts';

/** Node ids of the labelled training and validation sets and of the unlabelled rest (the test set). */
export interface LabelSplit {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/**
 * How many anomalies a stratified draw of `size` nodes holds: the data set's anomaly share of
 * `size`, rounded, and at least one (so every set can be scored by ROC-AUC).
 */
export function anomaliesIn(size: number, anomalyShare: number): number {
  return Math.min(size - 1, Math.max(1, Math.round(size * anomalyShare)));
}

/**
 * The few-label protocol: `trainSize` training and `validationSize` validation nodes drawn at
 * random without overlap, each stratified by label (the data set's anomaly share, at least one
 * anomaly and one normal node), every other node a test node. The seed alone decides the draw.
 */
export function stratifiedSplit(labels: Uint8Array, seed: number, trainSize = 50, validationSize = 50): LabelSplit {
  const anomalous: number[] = [];
  const normal: number[] = [];
  labels.forEach((y, i) => (y === 1 ? anomalous : normal).push(i));
  const share = anomalous.length / labels.length;
  const wantAnomalous = anomaliesIn(trainSize, share) + anomaliesIn(validationSize, share);
  const wantNormal = trainSize + validationSize - wantAnomalous;
  if (anomalous.length < wantAnomalous + 1 || normal.length < wantNormal + 1) {
    throw new Error(`the graph has ${anomalous.length} anomalies and ${normal.length} normal nodes: too few for ${trainSize} + ${validationSize} stratified labels and a test set with both`);
  }
  const random = new SeededRandom(seed);
  const a = random.shuffle(anomalous);
  const n = random.shuffle(normal);
  const trainAnomalous = anomaliesIn(trainSize, share);
  const validationAnomalous = anomaliesIn(validationSize, share);
  const train = [...a.slice(0, trainAnomalous), ...n.slice(0, trainSize - trainAnomalous)];
  const validation = [
    ...a.slice(trainAnomalous, trainAnomalous + validationAnomalous),
    ...n.slice(trainSize - trainAnomalous, trainSize - trainAnomalous + validationSize - validationAnomalous),
  ];
  const labelled = new Set([...train, ...validation]);
  const test = labels.reduce<number[]>((acc, _, i) => (labelled.has(i) ? acc : (acc.push(i), acc)), []);
  const sorted = (v: number[]) => Int32Array.from(v).sort();
  return { train: sorted(train), validation: sorted(validation), test: sorted(test) };
}
