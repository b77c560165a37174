// The linear recipe term added to a trained LSOformer: a ridge regression, in closed form, of the
// training designs' WITHIN-design variation (standardised targets centred per design, and per step
// for the trajectory) on the recipe features of recipe-features.ts, centred the same way. It is the
// same for every design, so it carries over to unseen designs what the network, trained on a few
// dozen designs, learns least well: how the mix of operations orders one design's recipes. A per-step
// bias keeps its mean over the training runs at zero, so the network's absolute level is unchanged.
// Its scale, per label, is the one whose predictions best ORDER each validation design's recipes
// (mean within-design Spearman; 0 keeps the network as it was). The training loss's within-design
// z-score term is no guide here: it divides by each design's own spread, which the term, the same for
// every design, cannot follow (its designs' spreads differ 10x), so it would always pick 0.
import { Matrix, solve } from 'ml-matrix';
import type { Parameters } from '../../common/index.ts';
import type { LsoDesign } from './data.ts';
import { predictRuns, scorePredictions } from './evaluate.ts';
import { RECIPE_TERM_B, RECIPE_TERM_W, defineNet, type DesignTensors, type NetConfig } from './networks.ts';
import { recipeFeatureCount, recipeFeatures } from './recipe-features.ts';
import type { RunSet } from './splits.ts';
import { CHANNELS, logRatios, standardize, type Standardizer } from './targets.ts';
import type { TrainSettings, TrainedModel } from './train.ts';

export interface RecipeTermFit {
  /** [F][4]: nodes, levels (fitted on every step), area, delay (on the final step). */
  readonly w: number[][];
  /** [T][4]: minus the term's mean over the training runs after each step. */
  readonly b: number[][];
}

/** Scales tried on the validation runs. */
export const RECIPE_TERM_SCALES = [0, 0.5, 1, 2, 4] as const;

/** Ridge fit on the runs of `set` (standardised with `s`); `lambda` on the sum of squares. */
export function fitRecipeTerm(designs: readonly LsoDesign[], set: RunSet, s: Standardizer, operations: number, lambda = 1): RecipeTermFit {
  const nf = recipeFeatureCount(operations);
  const steps = designs[set[0].design].runs[0].ops.length;
  // Normal equations: [0] the trajectory channels over every step, [1] area and delay on the last step.
  const xtx = [new Float64Array(nf * nf), new Float64Array(nf * nf)];
  const xty = [new Float64Array(nf * 2), new Float64Array(nf * 2)];
  const featureSum = Array.from({ length: steps }, () => new Float64Array(nf));
  let runs = 0;
  const x = new Float64Array(nf);
  for (const { design, runs: ks } of set) {
    if (ks.length < 2) continue;
    const d = designs[design];
    const f = recipeFeatures(Int32Array.from(ks.flatMap((k) => [...d.runs[k].ops])), ks.length, steps, operations);
    const y = ks.map((k) => logRatios(d.runs[k].labels, d.start));
    for (let j = 0; j < steps; j++) {
      const last = j === steps - 1;
      const at = (i: number, a: number) => f[(i * steps + j) * nf + a];
      const target = (i: number) => (last ? [0, 1, 2, 3].map((c) => standardize(y[i].final[c], c, s)) : [0, 1].map((c) => standardize(y[i].steps[j][c], c, s)));
      const targets = ks.map((_, i) => target(i));
      const fm = new Float64Array(nf);
      const ym = new Float64Array(4);
      ks.forEach((_, i) => {
        for (let a = 0; a < nf; a++) fm[a] += at(i, a) / ks.length;
        targets[i].forEach((v, c) => (ym[c] += v / ks.length));
      });
      ks.forEach((_, i) => {
        for (let a = 0; a < nf; a++) {
          x[a] = at(i, a) - fm[a];
          featureSum[j][a] += at(i, a);
        }
        const t = targets[i].map((v, c) => v - ym[c]);
        for (const m of last ? [0, 1] : [0]) {
          for (let a = 0; a < nf; a++) {
            if (x[a] === 0) continue;
            for (let b = 0; b < nf; b++) xtx[m][a * nf + b] += x[a] * x[b];
            for (let o = 0; o < 2; o++) xty[m][a * 2 + o] += x[a] * t[2 * m + o];
          }
        }
      });
    }
    runs += ks.length;
  }
  const matrix = (a: Float64Array, cols: number) => new Matrix(Array.from({ length: nf }, (_, r) => Array.from(a.subarray(r * cols, (r + 1) * cols))));
  const solved = [0, 1].map((m) => solve(matrix(xtx[m], nf).add(Matrix.eye(nf).mul(lambda)), matrix(xty[m], 2)));
  const w = Array.from({ length: nf }, (_, a) => [solved[0].get(a, 0), solved[0].get(a, 1), solved[1].get(a, 0), solved[1].get(a, 1)]);
  const b = featureSum.map((sum) => [0, 1, 2, 3].map((c) => -sum.reduce((acc, v, a) => acc + (v / Math.max(1, runs)) * w[a][c], 0)));
  return { w, b };
}

/** Writes the fit, times each label's scale (nodes, levels, area, delay), into the model's recipe-term weights. */
export function setRecipeTerm(params: Parameters, c: NetConfig, fit: RecipeTermFit, scale: readonly number[]): void {
  const nf = recipeFeatureCount(c.operations);
  const w = new Float32Array(nf * 4);
  fit.w.forEach((row, a) => row.forEach((v, ch) => (w[a * 4 + ch] = v * scale[ch])));
  const b = new Float32Array(c.maxSteps * 4);
  fit.b.forEach((row, j) => row.forEach((v, ch) => (b[j * 4 + ch] = v * scale[ch])));
  params.restore(new Map([[RECIPE_TERM_W, { shape: [nf, 4], data: w }], [RECIPE_TERM_B, { shape: [c.maxSteps, 4], data: b }]]), (name) => name === RECIPE_TERM_W || name === RECIPE_TERM_B);
}

/**
 * Adds the linear recipe term (recipe-term.ts) to a trained LSOformer: fitted on the training runs,
 * scaled per label by the scale of RECIPE_TERM_SCALES whose predictions order the validation designs'
 * recipes best (the smaller on a tie; 1 without validation runs). A model trained without the term (an
 * older checkpoint) gets it with its network weights unchanged.
 */
export function fitRecipeTermOf(m: TrainedModel, designs: readonly LsoDesign[], tensors: readonly DesignTensors[], train: RunSet, validation: RunSet, s: TrainSettings): TrainedModel {
  const config: NetConfig = { ...m.config, recipeTerm: true };
  let params = m.params;
  if (!m.config.recipeTerm) {
    params = defineNet(config, s.seed);
    params.restore(m.params.snapshot(), (name) => !name.startsWith('recipe.term.'));
    m.params.dispose();
  }
  const fit = fitRecipeTerm(designs, train, m.standardizer, config.operations);
  const withTerm = { ...m, config, params };
  const scored = validation.some((e) => e.runs.length > 1);
  const spearmans = RECIPE_TERM_SCALES.map((scale) => {
    setRecipeTerm(params, config, fit, [scale, scale, scale, scale]);
    if (!scored) return CHANNELS.map(() => (scale === 1 ? 1 : 0));
    const rho = scorePredictions(designs, predictRuns(withTerm, designs, tensors, validation)).withinDesign.spearman;
    return CHANNELS.map((c) => (Number.isFinite(rho[c]) ? rho[c] : 0));
  });
  const scale = CHANNELS.map((_, c) => {
    let best = 0;
    spearmans.forEach((rho, i) => { if (rho[c] > spearmans[best][c]) best = i; });
    return RECIPE_TERM_SCALES[best];
  });
  setRecipeTerm(params, config, fit, scale);
  return { ...withTerm, recipeTerm: { scale, validationSpearman: scored ? spearmans : [] } };
}
