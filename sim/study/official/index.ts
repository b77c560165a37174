// The official MixPE simulator's analytic cost model (the study's reference mode).
export { officialAccelerators, officialMemory, officialPePower, fusionFactor, type OfficialAccelerator, type OfficialPePower } from './accelerators.ts';
export { officialEnergyParts, officialTieBreakEnergy, officialBufferNjPerBit, type OfficialStats, type OfficialEnergyParts } from './energy.ts';
export { bestTiling, tilingStats, type OfficialLayer, type OfficialLayerResult } from './tiling-search.ts';
export { officialLayers, officialModels, officialModelIds, type OfficialModelId, type CountedLayer } from './workloads.ts';
export { runOfficialModel, officialModelCost, officialLayerStats, type OfficialResult, type OfficialEntry, type OfficialCost } from './run-official.ts';
