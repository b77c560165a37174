// models/qor/lsoformer: QoR trajectory prediction for synthesis recipes (LSOformer and baselines),
// and recipe search guided by it.
export { aigGraph, NODE_FEATURES, type AigGraph } from './aig-graph.ts';
export { levelBins, levelPool, segmentMax } from './level-pooling.ts';
export { causalMask } from './attention.ts';
export { loadRecipeDataset, opIds, type LsoDesign, type LsoRun } from './data.ts';
export { SPLITS, makeSplit, inductiveTestIds, type Split, type SplitName, type RunSet } from './splits.ts';
export { CHANNELS, type Channel, type Standardizer } from './targets.ts';
export { METHODS, defineNet, forwardNet, predictsTrajectory, type Method, type NetConfig, type DesignTensors } from './networks.ts';
export { defaultSettings, designTensors, disposeDesignTensors, netConfig, pairwiseRankLoss, predictStandardized, trainModel, withinDesignLoss, type TrainSettings, type TrainedModel } from './train.ts';
export { meanRatioPredictions, predictRuns, scorePredictions, type MethodMetrics, type RunPrediction } from './evaluate.ts';
export { hasModel, loadModel, saveModel, type ModelMeta } from './model-io.ts';
export { runExperiment, settingsHash, type SplitResult } from './experiment.ts';
export { shippedCheckpointDir } from './shipped.ts';
export { recipeFeatureCount, recipeFeatures } from './recipe-features.ts';
export { RECIPE_TERM_SCALES, fitRecipeTerm, fitRecipeTermOf, setRecipeTerm, type RecipeTermFit } from './recipe-term.ts';
export { randomSearchOdds, searchRecipe, type SearchOptions, type SearchResult } from './search.ts';
