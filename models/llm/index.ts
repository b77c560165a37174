// models/llm: the LLM engine: tokenizer, Llama-style model, training, KV-cache inference on any
// GemmBackend, perplexity, the n-gram baseline and the array profile (docs/llm.md).
export { parseLlama2cCheckpoint, readLlama2cCheckpoint, type Llama2cCheckpoint, type Llama2cConfig, type Llama2cLayer } from './llama2c-checkpoint.ts';
export { captureLinearInputs, gemmWeights, type CapturedInputs, type LlamaLinear } from './llama2c-forward.ts';
export { llamaLayerSamples } from './layer-samples.ts';
export * from './tokenizer/index.ts';
export { NAMED_CONFIGS, NORM_EPS, ROPE_BASE, parameterCount, resolveConfig, validateConfig, type LlamaConfig } from './config.ts';
export {
  readCheckpoint, denseCheckpoint, writeCheckpoint, writeLlama2cCheckpoint, namedTensors, MODEL_FILE, WEIGHTS_FILE, TOKENIZER_FILE,
  type CheckpointMeta, type LlamaWeights, type LlamaLayerWeights, type LoadedModel,
} from './checkpoint.ts';
export { readDocuments, splitDocuments, dropContainedLines, dataHashOf, type Document } from './data/corpus.ts';
export { tokenStream, sampleBatch, evalWindows, spreadWindows } from './data/token-stream.ts';
export { TfLlama, PROJECTIONS, type Projection, type LoraOptions } from './train/tf-llama.ts';
export { trainLlm, learningRate, type TrainOptions, type TrainResult } from './train/trainer.ts';
export { shardGradients, type GradTaskInput, type GradTaskOutput } from './train/grad-task.ts';
export { LlamaModel, type TransformerBlock, type ForwardOptions } from './engine/model.ts';
export { Block } from './engine/block.ts';
export { Attention, type AttentionObserver } from './engine/attention.ts';
export { SwiGluFeedForward, type FeedForward } from './engine/feed-forward.ts';
export { KvCache, FullKvCache, type LayerKvCache, type KvPrecision } from './engine/kv-cache.ts';
export { generate, sampleToken, type SamplingOptions, type GenerateResult } from './engine/generate.ts';
export { rmsNorm, applyRope, softmaxRows, swiGlu } from './engine/math.ts';
export { perplexity, targetPositions, tokenNll, type PerplexityResult } from './eval/perplexity.ts';
export { KneserNey } from './eval/kneser-ney.ts';
export { evaluate, evaluateCheckpoint, scoreWindows, scoreModelWindows, backendScore, weightsKey, type Evaluation, type BackendScore, type WindowScore } from './eval/evaluate.ts';
export { checkpointSplit, portableDataPath, resolveDataPath, type Split } from './eval/held-out.ts';
export { shippedModelDir, loadModel } from './shipped.ts';
export { engineModel } from './engine-model.ts';
export { bookPhase, profilePhase, profileGeneration, kvShareSweep, kvCacheBytes, summarize, type Phase, type PhaseProfile, type CostSummary } from './profile/profile.ts';
export { LLM_WORKLOAD_ID, llmWorkloadSpec } from './profile/workload-spec.ts';
export { exportOnnxDecoder, writeOnnxDecoder } from './onnx/export.ts';
