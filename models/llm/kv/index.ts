// models/llm/kv: the KV cache on the array: KVTuner's quantized caches and precision search, and
// learned or heuristic token selection (AttentionPredictor, H2O, Quest, StreamingLLM) (docs/kv-cache.md).
export { fakeQuantizeGroup, fakeQuantizeRows, fakeQuantizeColumns, groupParameters, quantizeValue, dequantizeCode, GROUP_METADATA_BYTES, type GroupParameters } from './quant/min-max.ts';
export { ALL_PAIRS, STANDARD_PAIRS, EXTRA_PAIRS, pairByName, pairBits, averageBits, type PrecisionPair } from './quant/precision-pairs.ts';
export { QuantizedKvCache, kiviChunks, QUANT_MODES, type QuantMode, type QuantizedCacheOptions } from './quant/quantized-cache.ts';
export { CacheScorer, perplexityOf, windowEvaluations, yieldToEventLoop, type CacheScore, type CacheConfiguration } from './eval/cache-scorer.ts';
export { nsga2, nonDominatedSort, crowdingDistance, paretoFront, dominates, type Individual, type Nsga2Options } from './tune/nsga2.ts';
export { clusterLayers, paretoIndices } from './tune/cluster.ts';
export { captureAttention, attentionOutput, layerAttentionError, type LayerCapture } from './tune/attention-error.ts';
export { KvTuner, type TuneOptions, type TuneResult, type LayerSensitivity, type ConfigScore } from './tune/kv-tuner.ts';
export { tuneTestWindows } from './tune/windows.ts';
export { kvDecodeCost, ATTENTION_KERNELS, type AttentionKernel, type StoredKv } from './array/kv-decode-cost.ts';
export { planesKernelMisfit, keyPlaneProduct, keyScores, valuePlaneProduct, addPlanes, planeCount, chunkLength, keyProductShape, valueProductShape, type CodedTokens, type PlaneProduct } from './array/plane-kernel.ts';
export { kvThroughput, throughputGain, DEFAULT_CONTEXTS, type ThroughputRow } from './array/kv-throughput.ts';
export { budgetLayout, budgetTokens, fillBudget, type BudgetLayout } from './select/layout.ts';
export type { SelectionPolicy, StepView } from './select/policy.ts';
export { StreamingLlm, H2o, Quest } from './select/baselines.ts';
export { AttentionPredictorPolicy, blockMax } from './select/attention-predictor.ts';
export { AttentionPredictorNet, trainPredictor, type TrainSample } from './select/predictor-net.ts';
export { attentionHistories, predictorSamples, trainedPredictor, type PredictorTraining, type TrainedPredictor } from './select/predictor-training.ts';
export { SelectingKvCache, fullAttention, recoveredMass, tokenBytes, type SelectionStats } from './select/selecting-cache.ts';
export { NextStepOracle, PreviousStepRanking, type OracleRanking } from './select/oracle.ts';
export { recordWindow, replayRecovery, type HeadRecord, type WindowRecord, type ReplayRecovery } from './select/replay.ts';
export { positionBuckets, recoveryByPosition, windowDifference, positionRows, gapTrend, type GapTrend, type PositionBucket, type BucketRecovery, type WindowDifference, type PositionRow } from './select/position-buckets.ts';
export { evaluateSelection, selectWindow, policyFor, SELECT_METHODS, CEILING_METHODS, type PolicyMethod, type SelectMethod, type SelectionResult, type SelectionSetup } from './select/compress-eval.ts';
export { selectionDecodeCost, type SelectionCost, type SelectionCostOptions } from './array/selection-cost.ts';
