// models/common: the shared tfjs plumbing of every learned model (backend, weights, checkpoints,
// graph message passing, metrics). Two sub-areas have their own index: gemm/ (the GemmBackend; it
// loads hw/ and sim/) and training/ (the training loop and its epoch checkpoints).
// @tensorflow/tfjs through require (tfjs.cjs: several times cheaper to load than an ES import of the package).
export { default as tf } from './tfjs.cjs';
export { selectBackend, wasmBinaryDir, type BackendChoice, type BackendName } from './backend.ts';
export { SeededRandom } from './seeded-random.ts';
export { matMul } from './matmul.ts';
export { Parameters, type Init, type NamedArray } from './parameters.ts';
export { saveCheckpoint, loadCheckpoint, manifestFile, weightsFile } from './checkpoint.ts';
export {
  gatherRows, segmentSum, batchGraphs, disposeGraph, meanOfInNeighbours, meanPoolGraphs,
  type GraphTensors, type EdgeList,
} from './message-passing.ts';
export { mae, r2, mape, rse, kendallTau, spearman, regressionMetrics, type RegressionMetrics } from './metrics.ts';
export { meanEstimate, type Estimate } from './estimate.ts';
export { rocAuc, macroF1, applyThreshold, bestF1Threshold } from './classification-metrics.ts';
// Helpers for hand-assembled WebAssembly kernels (opcodes, LEB128, sections), as one namespace.
export * as wasmAsm from './wasm-asm.ts';
