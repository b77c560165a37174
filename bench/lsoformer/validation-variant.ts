// Measures one LSOformer training variant on a split's VALIDATION designs only (drawn from the
// training designs; the test designs play no part): trains with the default settings overridden by a
// JSON object, then prints the epochs, the validation losses, and the within-design Spearman and MAPE
// of the final QoR on the validation designs, for the network alone and with the linear recipe term.
// Usage: node --import tsx bench/lsoformer/validation-variant.ts SPLIT '{"recipeInputs":true,"rankWeight":1}' [DATA]
import { selectBackend } from '../../models/common/index.ts';
import {
  defaultSettings, designTensors, fitRecipeTermOf, loadRecipeDataset, makeSplit, predictRuns, scorePredictions, trainModel, type SplitName, type TrainSettings,
} from '../../models/qor/lsoformer/index.ts';

await selectBackend(() => {});
const [splitName, overrides, data] = [process.argv[2] as SplitName, process.argv[3] ?? '{}', process.argv[4] ?? 'out/lso/recipes200.jsonl'];
const s: TrainSettings = { ...defaultSettings, ...(JSON.parse(overrides) as Partial<TrainSettings>), quiet: true };
const { designs } = loadRecipeDataset(data);
const split = makeSplit(splitName, designs, s.seed);
const tensors = designs.map((d) => designTensors(d, s.maxBins));
const show = (label: string, m: Parameters<typeof predictRuns>[0]) => {
  const sc = scorePredictions(designs, predictRuns(m, designs, tensors, split.validation));
  console.log(`${label}: Spearman ${Object.values(sc.withinDesign.spearman).map((x) => x.toFixed(3)).join(' ')}; MAPE % ${Object.values(sc.finalMape).map((v) => v.toFixed(2)).join(' ')}`);
};
const t0 = performance.now();
const model = await trainModel('lsoformer', designs, tensors, split.train, split.validation, s);
const seconds = (performance.now() - t0) / 1000;
const h = model.history;
console.log(`${overrides}: ${h.trainLoss.length} epochs (best ${h.bestEpoch + 1}), ${seconds.toFixed(0)} s, ${(seconds / h.trainLoss.length).toFixed(1)} s/epoch; validation loss ${h.validationLoss.map((v) => v.toFixed(3)).join(' ')}`);
show('network alone', model);
const withTerm = fitRecipeTermOf(model, designs, tensors, split.train, split.validation, s);
console.log(`recipe term scales ${withTerm.recipeTerm!.scale.join(' ')}`);
show('with the recipe term', withTerm);
