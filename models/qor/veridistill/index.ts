// models/qor/veridistill: post-synthesis QoR (area, delay) from raw Verilog, with a student
// transformer over lexer tokens distilled from a GNN teacher over the synthesized netlist.
export { VeriDistill, fromTargets, toTargets, labelFlowOf, type VeriDistillConfig, type QorPrediction, type LabelFlow } from './model.ts';
export { trainVeriDistill, defaultSettings, type TrainSettings, type TrainOutcome, type SplitResult, type Method } from './train.ts';
export { moduleDesigns, parameterSweeps } from './corpus-variants.ts';
export { listCorpus, designText, designSources, firstModuleName, rootModuleName, verilogFilesIn, type CorpusDesign } from './corpus.ts';
export { labelCorpus, readDataset, writeDataset, type QorRecord, type LabelRunOptions } from './labels.ts';
export { qorScript, qorOf, QOR_FLOW_HASH, LABEL_BACKEND } from './qor-flow.ts';
export { synthesizeQor, type SynthesizedQor } from './yosys-qor.ts';
export { moduleClosureText } from './module-text.ts';
export { verilogWords, Vocabulary, chunkTokens } from './tokenizer.ts';
export { baselineFeatures, fitRidge, fitBoostedTrees } from './baselines.ts';
export { shippedCheckpointDir } from './shipped.ts';
export { metricsMarkdown } from './metrics-table.ts';
