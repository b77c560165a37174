// models/timing/e2eslack: pre-routing slack, TNS and WNS prediction. The TimingParser builds a
// timing graph with placement features; learned message functions propagate arrival times and
// slews level by level; required times are propagated back from the clock constraints; the
// ground truth is a routing-estimate sign-off (placement, Steiner/RC estimate, SPEF, STA).
export { parseSlackGraph, type NetGeometry, type ParseOptions, type SlackGraph } from './parser/slack-graph.ts';
export { modelConstraints, type ModelConstraints } from './model/constraints.ts';
export { propagate, type MessageFunctions, type Prediction } from './model/propagate.ts';
export { predictSlack, endpointRequirements, criticalPath, type SlackPrediction } from './model/slack.ts';
export { requiredTimes, type RequiredInputs } from './required-times.ts';
export { timingLabels, endpointRequired, type TimingLabels } from './labels.ts';
export { evaluateDesign, evaluationPeriod, preRouteMinimumPeriod, type DesignEvaluation, type EvaluationClock } from './model/evaluate.ts';
export { wireLoadSta, hpwlLumpedSta, atOnlySlack, type BaselineSlack } from './model/baselines.ts';
export { trainOnDataset, saveSlackModel, loadSlackModel, validationSplit, type SlackCheckpoint } from './model/train-set.ts';
export { defaultTrainSettings, type TrainSettings } from './model/train.ts';
export { timingPredictDesigns, readSources, TEST_DESIGNS, type SlackDesign } from './data/designs.ts';
export { buildSlackDataset, SLACK_FLOW_VERSION, type SlackBuildSummary } from './data/build.ts';
export { readRecord, readLabels, designFiles, type DesignRecord } from './data/storage.ts';
export { processDesign, type SlackJob, type SlackOutcome } from './data/process-design.ts';
export { libraryTechnology, portLoads, loadSlackGraph } from './data/load-design.ts';
export { groundTruthFlow, estimateAndTime, type FlowResult, type FlowDesign } from './flow/ground-truth.ts';
export { synthesizeNetlist, type MappedNetlist } from './flow/synthesize-netlist.ts';
export { defaultSdc } from './flow/sdc.ts';
export { cellLibrary, libraries, trimLiberty, type CellLibrary } from './flow/technology.ts';
export { shippedSlackModelDir, defaultSlackDataDir } from './shipped.ts';
