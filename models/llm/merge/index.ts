// models/llm/merge: merging fine-tuned task models: LoRE (implicit base, low-rank task vectors), Task Arithmetic, TIES, DARE (docs/merge.md).
export { svt, singularValues, type SvtResult } from './svt.ts';
export { loreTensor, type LoreTensorResult } from './lore.ts';
export { taskArithmetic, ties, trim, dare, dareDrop } from './baselines.ts';
export { tensorsOf, withTensors, differingTensors, firstChangedBlock, type Tensor2 } from './model-tensors.ts';
export { mergeModels, loreEstimate, applyLore, taskVectorSpectra, MERGE_METHODS, type LoreEstimate, type MergeMethod, type MergeParams, type MergeResult, type LoreDiagnostics } from './merge-models.ts';
export { PrefixEvaluator } from './prefix-evaluator.ts';
export { averageAccuracy, pairedDifference, type Estimate } from './paired-difference.ts';
export { runMergeExperiment, MERGE_GRIDS, type MergeExperiment, type MergeInputs, type MethodResult } from './compare.ts';
