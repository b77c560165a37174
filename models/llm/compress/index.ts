// models/llm/compress: fewer MACs per token. CMoE carves a mixture of experts out of each dense
// FFN (docs/compress.md).
export { linearAssignment, balancedAssignment } from './assignment.ts';
export { captureFfnInputs, activationProfile, normalizeRows, type ActivationProfile } from './cmoe/calibrate.ts';
export { parseCmoeConfig, activation, carveLayer, staticPruning, type CmoeConfig, type CarvedLayer, type Grouping, type Representative } from './cmoe/carve.ts';
export { CarvedFeedForward, selectExperts, balanceBias, selectAndBalance, maxOverMean, routerRows, type BiasDecay, type MoeOptions, type RouterRows } from './cmoe/moe-ffn.ts';
export { calibrate, carveModel, carvedModel, fitBias, streamBalance, type Calibration, type CarvedModelLayer, type BalanceOptions } from './cmoe/pipeline.ts';
export { finetuneCmoe, installCmoeGate, type CmoeFinetuneOptions, type CmoeFinetuneResult } from './cmoe/finetune.ts';
export { Expert, GateUpFeedForward, fuseGateUp } from './cmoe/products.ts';
export { runCmoe, type CmoeRunOptions, type CmoeReport } from './cmoe/run.ts';
export { MOE_FILE, moeFileText, parseMoeFile, type MoeRouting } from './cmoe/moe-file.ts';
export { writeCompressedCheckpoint } from './compressed-checkpoint.ts';
export { compressionData, trainingWindows, heldOutPerplexity, decodeCost, ffnCycles, type CompressionData, type DecodeCost, type HeldOutScore } from './measure.ts';
// FuseGPT removes whole blocks by Macro Influence and fuses each into its neighbours.
export { finalHidden, meanCosine, macroInfluence, removeBlock } from './fuse/influence.ts';
export { fuseBlock, type FuseOptions, type FuseResult } from './fuse/fuse.ts';
export { runFuse, type FuseRunOptions, type FuseReport } from './fuse/run.ts';
