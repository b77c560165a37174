// hw/accelerators: the accelerator configurations of the MixPE study and iso-area sizing.
export { mixpeEvaluation, referencePe, groupSizeFor, type AcceleratorSpec, type StudyGroup } from './mixpe-evaluation.ts';
export { horowitzPeAreas, readPeAreaTable, isoAreaAccelerators, energyWithPeAreas, type PeAreaTable } from './iso-area.ts';
