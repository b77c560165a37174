// Training one predictor on a split's training runs: Adam on mini-batches of one design's recipes
// (the GCN runs once per batch), loss = MSE of the final QoR plus, for LSOformer, the weighted MSE
// of every intermediate step (predictive self-supervision), plus the MSE of the final QoR as
// per-design z-scores (OpenABC-D's targets: each batch is one design, so its recipes' mean and
// deviation stand for the design's); early stopping on the validation runs; a checkpoint after
// every epoch, so an interrupted run resumes.
import * as tf from '@tensorflow/tfjs';
import { SeededRandom, type Parameters } from '../../common/index.ts';
import { epochCheckpoints, trainLoop, type TrainHistory } from '../../common/training/index.ts';
import type { LsoDesign } from './data.ts';
import { disposeGcnGraph, gcnGraph } from './gcn.ts';
import { levelBins } from './level-pooling.ts';
import { DESIGN_SCALARS, defineNet, forwardNet, predictsTrajectory, type DesignTensors, type Method, type NetConfig } from './networks.ts';
import type { RunSet } from './splits.ts';
import { fitStandardizer, logRatios, standardize, type Standardizer } from './targets.ts';

export interface TrainSettings {
  readonly seed: number;
  readonly gcn: { dim: number; layers: number };
  readonly dim: number;
  readonly heads: number;
  readonly layers: number;
  readonly ffDim: number;
  readonly maxBins: number;
  readonly epochs: number;
  /** Recipes per mini-batch (all of one design). */
  readonly batchRecipes: number;
  /** Recipes of each design drawn (afresh) per epoch; 0 for all. Keeps an epoch short on two shared cores. */
  readonly recipesPerEpoch: number;
  readonly learningRate: number;
  readonly patience: number;
  /** Weight of the intermediate-step loss for LSOformer (the ablation sets it to 0). */
  readonly trajectoryWeight: number;
  /**
   * Weight of the within-design term: the MSE of the final QoR as z-scores over the batch's recipes
   * (one design). Without it the loss is dominated by the differences between designs, which are
   * 3-100x the spread of one design's recipes, and a model that predicts each design's mean loses little.
   */
  readonly designZWeight: number;
  /** Smallest within-design deviation (standardised units) the z-scores divide by, for designs whose recipes barely differ. */
  readonly designZFloor: number;
  /**
   * LSOformer family: after training, add a design-independent linear term on the recipe's operation
   * counts, fitted in closed form to the training designs' within-design variation and scaled on the
   * validation runs (recipe-term.ts, applied by the experiment).
   */
  readonly recipeTerm: boolean;
  /** LSOformer family: the recipe features (operation counts) as inputs to every recipe token. */
  readonly recipeInputs: boolean;
  /** L2 penalty on the weight matrices (not biases, not layer-norm gains), added to the loss. */
  readonly weightDecay: number;
  /**
   * Weight of the pairwise ranking term: for every pair of a batch's recipes (one design) and every final
   * label, the logistic loss of the predicted difference (over the batch's deviation) against the real order.
   */
  readonly rankWeight: number;
  readonly quiet?: boolean;
}

export const defaultSettings: TrainSettings = {
  seed: 1,
  gcn: { dim: 24, layers: 2 },
  dim: 32,
  heads: 4,
  layers: 2,
  ffDim: 64,
  maxBins: 64,
  epochs: 6,
  batchRecipes: 50,
  recipesPerEpoch: 50,
  learningRate: 3e-3,
  patience: 8,
  trajectoryWeight: 1,
  designZWeight: 1,
  designZFloor: 0.02,
  recipeTerm: true,
  recipeInputs: false,
  weightDecay: 0,
  rankWeight: 0,
};

export interface TrainedModel {
  readonly config: NetConfig;
  readonly params: Parameters;
  readonly standardizer: Standardizer;
  readonly history: TrainHistory;
  /**
   * The linear recipe term's scale per label (nodes, levels, area, delay) chosen on the validation runs,
   * and their mean within-design Spearman per label at each of RECIPE_TERM_SCALES.
   */
  readonly recipeTerm?: { readonly scale: number[]; readonly validationSpearman: number[][] };
}

export function netConfig(method: Method, s: TrainSettings, maxSteps: number, operations: number): NetConfig {
  const inputs = s.recipeInputs && predictsTrajectory(method) ? { recipeInputs: true } : {};
  return { method, gcn: s.gcn, dim: s.dim, heads: s.heads, layers: s.layers, ffDim: s.ffDim, maxBins: s.maxBins, maxSteps, operations, ...inputs };
}

/** Log sizes of the starting AIG, the design features every method receives. */
export function designScalars(d: Pick<LsoDesign, 'graph'>): number[] {
  const g = d.graph;
  return [g.ands, g.depth, g.inputs, g.outputs].map((v) => Math.log1p(v) / 10);
}

export function designTensors(d: Pick<LsoDesign, 'graph'>, maxBins: number): DesignTensors {
  const { bin, numBins } = levelBins(d.graph.level, maxBins);
  return { graph: gcnGraph(d.graph), bin, numBins, scalars: tf.tensor2d(designScalars(d), [1, DESIGN_SCALARS]) };
}

export function disposeDesignTensors(t: DesignTensors): void {
  disposeGcnGraph(t.graph);
  t.scalars.dispose();
}

interface Batch { design: number; runs: number[] }

/** Standardised targets of some runs of one design: steps [R, T, 2] and final [R, 4]. */
function batchTargets(d: LsoDesign, runs: readonly number[], s: Standardizer) {
  const t = d.runs[runs[0]].ops.length;
  const steps = new Float32Array(runs.length * t * 2);
  const final = new Float32Array(runs.length * 4);
  const ops = new Int32Array(runs.length * t);
  runs.forEach((k, r) => {
    const run = d.runs[k];
    const y = logRatios(run.labels, d.start);
    ops.set(run.ops, r * t);
    y.steps.forEach((p, j) => p.forEach((v, c) => (steps[(r * t + j) * 2 + c] = standardize(v, c, s))));
    y.final.forEach((v, c) => (final[r * 4 + c] = standardize(v, c, s)));
  });
  return { ops: tf.tensor2d(ops, [runs.length, t], 'int32'), steps: tf.tensor3d(steps, [runs.length, t, 2]), final: tf.tensor2d(final, [runs.length, 4]) };
}

/**
 * MSE of the predictions as z-scores within the batch (one design's recipes): both sides centred on
 * their own batch means, divided by the targets' batch deviation (at least `floor`) per channel.
 */
export function withinDesignLoss(target: tf.Tensor2D, pred: tf.Tensor2D, floor: number): tf.Scalar {
  const yc = target.sub(target.mean(0, true));
  const pc = pred.sub(pred.mean(0, true));
  const sd = yc.square().mean(0, true).sqrt().maximum(floor);
  return pc.sub(yc).div(sd).square().mean() as tf.Scalar;
}

/**
 * Pairwise ranking loss within the batch (one design's recipes): mean over ordered pairs with different
 * targets of softplus(-sign(y_i - y_j) (p_i - p_j) / sd), sd the targets' batch deviation (at least `floor`) per channel.
 */
export function pairwiseRankLoss(target: tf.Tensor2D, pred: tf.Tensor2D, floor: number): tf.Scalar {
  const sd = target.sub(target.mean(0, true)).square().mean(0, true).sqrt().maximum(floor); // [1, C]
  const dy = target.expandDims(1).sub(target.expandDims(0)); // [R, R, C]
  const dp = pred.div(sd).expandDims(1).sub(pred.div(sd).expandDims(0));
  const sign = dy.sign();
  const pairs = sign.abs();
  return tf.softplus(sign.mul(dp).neg()).mul(pairs).sum().div(pairs.sum().maximum(1)) as tf.Scalar;
}

/** Sum of squares of the weight matrices (every parameter of rank 2 or more). */
function weightNorm(params: Parameters): tf.Scalar {
  return tf.addN(params.list().filter((v) => v.shape.length >= 2).map((v) => v.square().sum())) as tf.Scalar;
}

function batchesOf(set: RunSet, size: number, rng?: SeededRandom, perDesign = 0): Batch[] {
  const out: Batch[] = [];
  for (const { design, runs } of set) {
    const shuffled = rng ? rng.shuffle(runs) : runs;
    const order = perDesign > 0 ? shuffled.slice(0, perDesign) : shuffled;
    for (let i = 0; i < order.length; i += size) out.push({ design, runs: order.slice(i, i + size) });
  }
  return rng ? rng.shuffle(out) : out;
}

/**
 * Trains `method` on the training runs; `tensors[i]` are design i's tensors (shared across methods).
 * With `stateDir` the run saves its state there after every epoch and resumes from it when the same
 * run (`resumeKey`: data and settings) was interrupted.
 */
export async function trainModel(method: Method, designs: readonly LsoDesign[], tensors: readonly DesignTensors[], train: RunSet, validation: RunSet, s: TrainSettings, stateDir?: string, resumeKey?: unknown): Promise<TrainedModel> {
  const maxSteps = designs[train[0].design].runs[0].ops.length;
  const config = netConfig(method, s, maxSteps, 7);
  const standardizer = fitStandardizer(train.flatMap(({ design, runs }) => runs.map((k) => logRatios(designs[design].runs[k].labels, designs[design].start).final)));
  const params = defineNet(config, s.seed);
  const weight = method === 'lsoformer' || method === 'lsoformer-no-cross-attention' ? s.trajectoryWeight : 0;
  const loss = (b: Batch): tf.Scalar => {
    const y = batchTargets(designs[b.design], b.runs, standardizer);
    const out = forwardNet(params, config, tensors[b.design], y.ops);
    let l = tf.losses.meanSquaredError(y.final, out.final) as tf.Scalar;
    if (weight > 0 && out.steps && maxSteps > 1) {
      const r = b.runs.length;
      const inner = tf.losses.meanSquaredError(y.steps.slice([0, 0, 0], [r, maxSteps - 1, 2]), out.steps.slice([0, 0, 0], [r, maxSteps - 1, 2]));
      l = l.add(inner.mul(weight));
    }
    if (s.designZWeight > 0 && b.runs.length > 2) l = l.add(withinDesignLoss(y.final, out.final, s.designZFloor).mul(s.designZWeight));
    if (s.rankWeight > 0 && b.runs.length > 1) l = l.add(pairwiseRankLoss(y.final, out.final, s.designZFloor).mul(s.rankWeight));
    if (s.weightDecay > 0) l = l.add(weightNorm(params).mul(s.weightDecay));
    return l; // the optimizer's tidy frees the batch tensors after the backward pass
  };
  const validationBatches = batchesOf(validation, 200);
  const checkpoints = stateDir ? epochCheckpoints(stateDir, { method, key: resumeKey }) : undefined;
  const saved = checkpoints?.load();
  if (saved) params.restore(saved.weights);
  const history = await trainLoop<Batch>({
    params,
    optimizer: tf.train.adam(s.learningRate),
    epochs: s.epochs,
    // Each epoch's draw from the seed and the epoch alone, so a resumed run draws what it would have.
    batches: (epoch) => batchesOf(train, s.batchRecipes, new SeededRandom(s.seed + 3 + 7919 * epoch), s.recipesPerEpoch),
    loss,
    validationLoss: validationBatches.length === 0 ? undefined : () => finalQorLoss(params, config, designs, tensors, validationBatches, standardizer, s),
    patience: s.patience,
    label: `train ${method}`,
    quiet: s.quiet,
    resume: saved?.state,
    onState: checkpoints ? (state) => checkpoints.save(state, params.snapshot()) : undefined,
  });
  return { config, params, standardizer, history };
}

/** The final-QoR terms of the training objective (absolute error and, when trained for it, the order within the design), per recipe. */
function finalQorLoss(params: Parameters, config: NetConfig, designs: readonly LsoDesign[], tensors: readonly DesignTensors[], batches: readonly Batch[], standardizer: Standardizer, s: TrainSettings): number {
  let sum = 0;
  let n = 0;
  for (const b of batches) {
    sum += tf.tidy(() => {
      const y = batchTargets(designs[b.design], b.runs, standardizer);
      const final = forwardNet(params, config, tensors[b.design], y.ops).final;
      let l = tf.losses.meanSquaredError(y.final, final) as tf.Scalar;
      if (s.designZWeight > 0 && b.runs.length > 2) l = l.add(withinDesignLoss(y.final, final, s.designZFloor).mul(s.designZWeight));
      return l.dataSync()[0];
    }) * b.runs.length;
    n += b.runs.length;
  }
  return sum / Math.max(1, n);
}

/** Standardised predictions for recipes (op ids [R][T]) on one design, in chunks. */
export function predictStandardized(m: Pick<TrainedModel, 'config' | 'params'>, t: DesignTensors, ops: readonly Int32Array[], chunk = 200): { steps?: Float32Array[]; final: Float32Array[] } {
  const steps: Float32Array[] = [];
  const final: Float32Array[] = [];
  const len = ops[0].length;
  for (let i = 0; i < ops.length; i += chunk) {
    const part = ops.slice(i, i + chunk);
    tf.tidy(() => {
      const flat = new Int32Array(part.length * len);
      part.forEach((o, r) => flat.set(o, r * len));
      const out = forwardNet(m.params, m.config, t, tf.tensor2d(flat, [part.length, len], 'int32'));
      const f = out.final.dataSync() as Float32Array;
      for (let r = 0; r < part.length; r++) final.push(f.slice(r * 4, r * 4 + 4));
      if (out.steps) {
        const s = out.steps.dataSync() as Float32Array;
        for (let r = 0; r < part.length; r++) steps.push(s.slice(r * len * 2, (r + 1) * len * 2));
      }
    });
  }
  return predictsTrajectory(m.config.method) ? { steps, final } : { final };
}
