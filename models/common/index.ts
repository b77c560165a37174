// models/common: the shared tfjs plumbing of every learned model (backend, weights, checkpoints,
// training loop, graph message passing, metrics).
export { selectBackend, wasmBinaryDir, type BackendChoice, type BackendName } from './backend.ts';
export { SeededRandom } from './seeded-random.ts';
export { matMul } from './matmul.ts';
export { Parameters, type Init, type NamedArray } from './parameters.ts';
export { saveCheckpoint, loadCheckpoint, manifestFile, weightsFile } from './checkpoint.ts';
export { trainLoop, type TrainLoopOptions, type TrainHistory, type TrainLoopState } from './train-loop.ts';
export { epochCheckpoints, type EpochCheckpoints } from './epoch-checkpoints.ts';
export {
  gatherRows, segmentSum, batchGraphs, disposeGraph, meanOfInNeighbours, meanPoolGraphs,
  type GraphTensors, type EdgeList,
} from './message-passing.ts';
export { mae, r2, mape, rse, kendallTau, spearman, regressionMetrics, type RegressionMetrics } from './metrics.ts';
export * from './gemm/index.ts';
export { rocAuc, macroF1, applyThreshold, bestF1Threshold } from './classification-metrics.ts';
