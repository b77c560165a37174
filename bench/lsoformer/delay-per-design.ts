// Breaks the mapped-delay error of stored models down by test design: for each test design of a split,
// the real delay (median over its test recipes), its ratio to the design's start levels (what the models
// predict, as a log, standardised over the training runs), the training runs' range of that ratio, and
// per method the design's delay MAPE and median predicted / real. Eval only: no model is trained.
// Usage: node --import tsx bench/lsoformer/delay-per-design.ts SPLIT MODELS_DIR [METHODS] [DATA]
import { hasModel, loadModel, loadRecipeDataset, makeSplit, meanRatioPredictions, predictRuns, designTensors, defaultSettings, METHODS, type Method, type SplitName, type RunPrediction } from '../../models/qor/lsoformer/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import { hasSpread, zScore } from '../../eda/dataset/index.ts';

await selectBackend(() => {});
const [splitName, dir, methodList, data] = [process.argv[2] as SplitName, process.argv[3], process.argv[4] ?? METHODS.join(','), process.argv[5] ?? 'out/lso/recipes200.jsonl'];
const { designs } = loadRecipeDataset(data);
const split = makeSplit(splitName, designs, defaultSettings.seed);
const tensors = designs.map((d) => designTensors(d, defaultSettings.maxBins));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const realDelay = (design: number, run: number) => designs[design].runs[run].labels.delayPs;
const perLevel = (design: number, run: number) => realDelay(design, run) / Math.max(1, designs[design].start.levels);

const trainRatios = split.train.flatMap(({ design, runs }) => runs.map((r) => perLevel(design, r)));
console.log(`${splitName}: training runs' delay / start levels: min ${Math.min(...trainRatios).toFixed(1)}, median ${median(trainRatios).toFixed(1)}, max ${Math.max(...trainRatios).toFixed(1)} ps per level`);

const byMethod = new Map<string, RunPrediction[]>([['mean-ratio', meanRatioPredictions(designs, split.train, split.test)]]);
for (const m of methodList.split(',') as Method[]) {
  const path = `${dir}/${splitName}/${m}`;
  if (!hasModel(path)) continue;
  const model = loadModel(path);
  byMethod.set(m, predictRuns(model, designs, tensors, split.test));
  model.params.dispose();
}
const ape = (p: RunPrediction) => Math.abs(p.final[3] - realDelay(p.design, p.run)) / realDelay(p.design, p.run);
const header = ['design', 'start lev', 'delay ps', 'ps/lev', ...[...byMethod.keys()].map((k) => `${k} MAPE% (pred/real)`)];
console.log(header.join(' | '));
for (const { design, runs } of split.test) {
  if (!runs.length) continue;
  const cells = [...byMethod.values()].map((preds) => {
    const mine = preds.filter((p) => p.design === design);
    const mape = (100 * mine.reduce((s, p) => s + ape(p), 0)) / mine.length;
    return `${mape.toFixed(1)} (${median(mine.map((p) => p.final[3] / realDelay(p.design, p.run))).toFixed(2)})`;
  });
  console.log([designs[design].id, designs[design].start.levels, median(runs.map((r) => realDelay(design, r))).toFixed(0), median(runs.map((r) => perLevel(design, r))).toFixed(1), ...cells].join(' | '));
}
for (const [k, preds] of byMethod) {
  const apes = preds.map(ape).sort((a, b) => a - b);
  const logErr = preds.map((p) => Math.abs(Math.log(p.final[3] / realDelay(p.design, p.run))));
  // OpenABC-D's normalised MSE (per-design z-scores, designs with no spread left out), split into each
  // design's mean error (the offset a model of absolute labels carries) and the rest (the order within it).
  let offset = 0;
  let within = 0;
  let n = 0;
  for (const { design } of split.test) {
    const s = designs[design].qorStats.delayPs;
    const mine = preds.filter((p) => p.design === design);
    if (!s || !hasSpread(s) || !mine.length) continue;
    const e = mine.map((p) => zScore(p.final[3], s) - zScore(realDelay(p.design, p.run), s));
    const mean = e.reduce((a, b) => a + b, 0) / e.length;
    offset += mean ** 2 * e.length;
    within += e.reduce((a, b) => a + (b - mean) ** 2, 0);
    n += e.length;
  }
  console.log(`${k}: delay MAPE ${((100 * apes.reduce((a, b) => a + b, 0)) / apes.length).toFixed(2)}%, median APE ${(100 * median(apes)).toFixed(2)}%, mean |log ratio| ${(logErr.reduce((a, b) => a + b, 0) / logErr.length).toFixed(3)}; NMSE ${((offset + within) / n).toFixed(1)} = offset ${(offset / n).toFixed(1)} + within-design ${(within / n).toFixed(2)}`);
}
