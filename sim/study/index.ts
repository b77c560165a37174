// sim/study: the MixPE accelerator study: workloads x accelerators in fast mode, normalised to FP16,
// with the accuracy cost of each PE kind's quantization.
export { runStudy, costGemms, gemmConfig, paddedK, type StudyEntry, type StudyOptions, type PhaseCost } from './run-study.ts';
export { normalise, geomeanRow, geometricMean, type Normalised, type NormalisedRow } from './summary.ts';
export { publishedMixpe } from './published.ts';
export { accuracyStudy, layerError, fp32ReferenceGemm, relativeRmsError, acceleratorOperands, type AccuracyRow, type LayerSample, type LayerError } from './quantization-error.ts';
export { runOfficialModel, officialModelIds, officialAccelerators, type OfficialResult, type OfficialModelId } from './official/index.ts';
