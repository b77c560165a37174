// models/llm: small language models. So far: the llama2.c checkpoint reader and a reference forward
// pass that records the real input rows of every linear layer.
export { parseLlama2cCheckpoint, readLlama2cCheckpoint, type Llama2cCheckpoint, type Llama2cConfig, type Llama2cLayer } from './llama2c-checkpoint.ts';
export { captureLinearInputs, gemmWeights, type CapturedInputs, type LlamaLinear } from './llama2c-forward.ts';
export { llamaLayerSamples } from './layer-samples.ts';
