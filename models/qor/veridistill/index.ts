// models/qor/veridistill: post-synthesis QoR (area, delay) from raw Verilog, with a student
// transformer over lexer tokens distilled from a GNN teacher over the synthesized netlist.
// This index is what prediction needs (the model, its tokens and features, the shipped checkpoint);
// the corpus, the labelling flow, the teacher and the training are the sub-area training/, which
// loads eda/aig, eda/dataset and the synthesis flow.
export { VeriDistill, fromTargets, toTargets, labelFlowOf, type VeriDistillConfig, type QorPrediction, type LabelFlow } from './model.ts';
export { moduleClosureText } from './module-text.ts';
export { verilogWords, Vocabulary, chunkTokens } from './tokenizer.ts';
export { baselineFeatures, fitRidge, fitBoostedTrees } from './baselines.ts';
export { shippedCheckpointDir } from './shipped.ts';
