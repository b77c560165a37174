// models/gen/seadag: truth table -> AIG by semi-autoregressive discrete graph diffusion (SeaDAG),
// its data (ABC-optimized pairs), ablations, an autoregressive baseline, sampling and evaluation.
export { SETTINGS, SETTING_NAMES, type SettingName, type TruthFunction, functionKey, aigFunction, support } from './data/truth-function.ts';
export { npnClassKey, npnCanonical4, transformFunction } from './data/npn.ts';
export { ABC_FLOW, ABC_SCRIPT, abcCount, abcImplementations, abcProvesEquivalent, findNativeAbc, nativeAbcVersion, type AbcCount } from './data/abc-reference.ts';
export { benchmarkCircuits, functionPool, usable } from './data/function-pool.ts';
export {
  DATA_PLANS, TEST_FRACTION, VAL_FRACTION, buildDataset, datasetHash, readDataset, recordAig, recordFunction, splitOf, writeDataset,
  type DataPlan, type PairRecord, type Split,
} from './data/dataset.ts';
export { canvasToAig, aigToCanvas, graphProblem, type Canvas, type CanvasGraph } from './canvas.ts';
export {
  DEFAULT_DIFFUSION_SETTINGS, DIFFUSION_VARIANTS, DiffusionModel, trainDiffusion, withSignatureIndex, type DiffusionConfig, type DiffusionTrainSettings, type DiffusionVariant,
} from './diffusion-model.ts';
export { ArModel, trainAutoregressive, type ArConfig, type ArTrainSettings } from './autoregressive/ar-model.ts';
export { autoregressiveGenerator } from './autoregressive/ar-generator.ts';
export { DEFAULT_CANVAS_NEIGHBOURS, canvasName, defaultCanvas, diffusionGenerator, type CanvasSource } from './diffusion-generator.ts';
export { evaluateGenerator, scoreCircuit, type Generated, type Generator, type MethodMetrics } from './evaluate.ts';
export { GUIDED_SAMPLER, PLAIN_SAMPLER, sampleGraphs, type SamplerOptions } from './sampler/sample.ts';
export { npnSignature } from './data/npn-signature.ts';
export { nearestWidths, signatureIndex, type SignatureGroup, type WeightedWidths } from './canvas-neighbours.ts';

/** What `tessera seadag train` can train: the full model, its two ablations, and the autoregressive baseline. */
export const SEADAG_METHODS = ['seadag', 'uniform-timesteps', 'no-condition-loss', 'autoregressive'] as const;
export type SeadagMethod = (typeof SEADAG_METHODS)[number];
export { shippedModelDir } from './shipped.ts';
export { generateCircuit, settingFor, tableAig, restrictTo, type GenerationResult } from './generate.ts';
export { metricsMarkdown } from './metrics-table.ts';
