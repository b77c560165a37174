// sim/study: the MixPE accelerator study: workloads x accelerators in fast mode, normalised to FP16,
// with the accuracy cost of each PE kind's quantization.
export { runStudy, costGemms, gemmConfig, paddedK, type StudyEntry, type StudyOptions, type PhaseCost } from './run-study.ts';
export { officialWorkloadGemms, phaseGemms, type ModedGemm } from './tessera-workloads.ts';
export { blockMode, fullMode, modeCounts, type GemmRole } from './precision-plan.ts';
export { claimTable, nearestToClaim, claimBaselines, claimVariants, type ClaimRow, type Averages } from './claims.ts';
export { normalise, geomeanRow, arithmeticMeanRow, geometricMean, type Normalised, type NormalisedRow } from './summary.ts';
export { publishedMixpe } from './published.ts';
export { accuracyStudy, plannedModes, layerError, fp32ReferenceGemm, relativeRmsError, acceleratorOperands, type AccuracyRow, type LayerSample, type LayerError } from './quantization-error.ts';
export { runOfficialModel, officialModelIds, officialAccelerators, type OfficialResult, type OfficialModelId } from './official/index.ts';
