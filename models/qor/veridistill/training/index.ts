// models/qor/veridistill/training: VeriDistill's data and training: the RTL corpus and its variants,
// the pinned labelling flow (Yosys + ABC onto the chosen library), the netlist teacher, the
// encoder's pretraining, the student's training and evaluation, and the metrics table.
export { trainVeriDistill, defaultSettings, type TrainSettings, type TrainOutcome, type SplitResult, type Method } from './train.ts';
export { distinctModules, moduleDesigns, parameterSweeps } from './corpus-variants.ts';
export { listCorpus, designText, designSources, firstModuleName, rootModuleName, verilogFilesIn, type CorpusDesign } from './corpus.ts';
export { labelCorpus, readDataset, writeDataset, type QorRecord, type LabelRunOptions } from './labels.ts';
export { qorScript, qorOf, QOR_FLOW_HASH, LABEL_BACKEND } from './qor-flow.ts';
export { synthesizeQor, type SynthesizedQor } from './yosys-qor.ts';
export { metricsMarkdown } from './metrics-table.ts';
