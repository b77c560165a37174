// models/gnn: node anomaly detection with few labels. SpaceGNN (hyperbolic, spherical and Euclidean
// branches with learned curvature), its single-space and unweighted ablations, the MLP, GCN,
// GraphSAGE and BWGNN baselines, the 50 + 50 label protocol and its runs.
export { type AnomalyGraph, type Csr, graphDatasets, loadGraphDataset, readAnomalyGraph, standardizeColumns, undirectedCsr, withSelfLoops } from './graph.ts';
export { type LabelSplit, anomaliesIn, stratifiedSplit } from './split.ts';
export { type WeightedCsr, meanNormalized, propagate, rowsAndNeighbours, sparseTimesDense, sparseTransposeTimesDense, symmetricNormalized } from './propagate.ts';
export { type CurvatureSign, distanceWeights, expMap0, logMap0, projectToSpace, throughSpace } from './curvature.ts';
export { type ForwardContext, type Gemm, tfjsGemm, trainableVariables, trainingGemm } from './layers.ts';
export { type Mix, type NodeScorer, mixScores } from './model.ts';
export { SpaceGnn, type SpaceGnnConfig, type SpaceKind, ensembleMixes, spaceKinds } from './spacegnn.ts';
export { type BaselineConfig, Bwgnn, Gcn, Mlp, Sage, baselineKinds, betaWaveletCoefficients } from './baselines.ts';
export { type GnnSettings, type OptimizerSettings, defaultSettings, settingsFor } from './settings.ts';
export { type ModelKind, createModel, isModelKind, isSpaceGnnVariant, modelKinds, optimizerSettings } from './models.ts';
export { type RunResult, chooseMix, headsLoss, modelFeatures, runOnce, trainAndEvaluate } from './train.ts';
export { BackendGemm, type ArrayEvaluation, evaluateOnBackend } from './array-inference.ts';
export {
  type ArraySpec, type MeanStd, type ModelSummary, type RunRecord, type RunSpec, graphDataHash, meanStd, runExperiments, runKey, runVersion, summarize,
} from './experiment.ts';
export { type TargetCheck, baselineModels, checkTargets, paperMargins } from './targets.ts';
export { executeRun } from './run-task.ts';
export { type GnnCheckpointConfig, loadGnnCheckpoint, saveGnnCheckpoint, shippedGnnCheckpointDir } from './checkpoint.ts';
