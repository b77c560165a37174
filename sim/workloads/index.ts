// Workload library: the GEMMs of the networks the MixPE study runs, as data with sources.
export type { GemmOperands, PhaseId, TransformerSpec, Workload, WorkloadGemm, WorkloadPhase } from './types.ts';
export { transformerPhase, phaseMacs } from './transformer-gemms.ts';
export { transformerSpecs, workload, workloadOf, workloadIds, defaultBatch, defaultPromptLength, defaultStudyWorkloads, type WorkloadOptions } from './library.ts';
