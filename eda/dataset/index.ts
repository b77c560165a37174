// eda/dataset: QoR data sets (Yosys + ABC recipe trajectories) built from design corpora.
export { CORPUS_PRESETS, FULL_CORPUS, corpusDesigns, type DesignSource } from './corpus.ts';
export { buildDataset, type BuildOptions, type BuildSummary } from './build.ts';
export { localExecutor, timeoutMessage, type DesignExecutor } from './executor.ts';
export { DATASET_FORMAT, processDesign, designHash, type DatasetRecord, type DesignJob, type DesignOutcome } from './record.ts';
export { readDatasetRecords } from './read-records.ts';
export { LABELS, summarizeDataset, type DatasetSummary } from './summary.ts';
export { QOR_TARGETS, designQorStats, finalQor, hasSpread, zScore, type DesignQorStats, type MeanStd, type QorTarget } from './qor-stats.ts';
export { syntheticDesigns, SYNTHETIC_KINDS, type SyntheticDesign, type SyntheticKind } from './synthetic-rtl.ts';
export { kiss2Verilog, parseKiss2, type Kiss2Table } from './kiss2-rtl.ts';
