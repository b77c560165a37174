// Scores of a trained predictor on a set of recipe runs: MAPE and R^2 of the final nodes, levels,
// area and delay (on the labels' own units), MAPE after every step for the trajectory models, and
// OpenABC-D's normalised MSE (the error of the per-design z-scores of the final labels), and how well
// the predictions ORDER the recipes of one design (what a recipe search needs): Spearman's and
// Kendall's rank correlation of predicted and real final labels across each test design's recipes.
import { kendallTau, mape, r2, spearman } from '../../common/index.ts';
import { hasSpread, zScore, type MeanStd, type QorTarget } from '../../../eda/dataset/index.ts';
import type { LsoDesign } from './data.ts';
import type { DesignTensors } from './networks.ts';
import type { RunSet } from './splits.ts';
import { CHANNELS, logRatios, toLabel, type Channel } from './targets.ts';
import { predictStandardized, type TrainedModel } from './train.ts';

export type PerChannel = Record<Channel, number>;

export interface MethodMetrics {
  readonly finalMape: PerChannel;
  readonly finalR2: PerChannel;
  /** MAPE after each step (1..T) of nodes and levels; null for final-only methods. */
  readonly trajectoryMape: { nodes: number[]; levels: number[] } | null;
  /** Mean squared error of per-design z-scores of the final labels (OpenABC-D's normalised MSE). */
  readonly nmse: PerChannel;
  /**
   * Mean over the test designs of the rank correlation between predicted and real final labels across
   * the design's test recipes (designs whose real labels are all equal are left out; a prediction that
   * is the same for every recipe orders nothing and counts 0).
   */
  readonly withinDesign: { spearman: PerChannel; kendall: PerChannel; designs: PerChannel };
  readonly runs: number;
  readonly designs: number;
}

/** Predictions in label units for every run of a set: final [4] and, when predicted, steps [T][2]. */
export interface RunPrediction {
  readonly design: number;
  readonly run: number;
  readonly final: number[];
  readonly steps?: number[][];
}

export function predictRuns(m: TrainedModel, designs: readonly LsoDesign[], tensors: readonly DesignTensors[], set: RunSet): RunPrediction[] {
  return set.flatMap(({ design, runs }) => {
    if (runs.length === 0) return [];
    const d = designs[design];
    const out = predictStandardized(m, tensors[design], runs.map((k) => d.runs[k].ops));
    return runs.map((run, i): RunPrediction => {
      const final = [...out.final[i]].map((y, c) => toLabel(y, c, d.start, m.standardizer));
      const s = out.steps?.[i];
      const steps = s ? Array.from({ length: s.length / 2 }, (_, j) => [0, 1].map((c) => toLabel(s[2 * j + c], c, d.start, m.standardizer))) : undefined;
      return { design, run, final, ...(steps ? { steps } : {}) };
    });
  });
}

const STATS_KEY: Record<Channel, QorTarget> = { nodes: 'nodes', levels: 'levels', area: 'area', delay: 'delayPs' };

function truthOf(d: LsoDesign, run: number): number[] {
  const l = d.runs[run].labels;
  const last = l.steps[l.steps.length - 1];
  return [last.nodes, last.levels, l.area, l.delayPs];
}

/**
 * The reference without a model: every test recipe of a design predicted as the design's start times
 * the geometric mean ratio of the training runs (Case I: of that design's own training runs, when it has any).
 */
export function meanRatioPredictions(designs: readonly LsoDesign[], train: RunSet, test: RunSet): RunPrediction[] {
  const meanOf = (runs: { design: number; run: number }[]) => CHANNELS.map((_, c) => runs.reduce((s, { design, run }) => s + logRatios(designs[design].runs[run].labels, designs[design].start).final[c], 0) / runs.length);
  const all = train.flatMap(({ design, runs }) => runs.map((run) => ({ design, run })));
  const global = meanOf(all);
  return test.flatMap(({ design, runs }) => {
    const own = all.filter((r) => r.design === design);
    const m = own.length ? meanOf(own) : global;
    const d = designs[design];
    const final = m.map((y, c) => toLabel(y, c, d.start, { mean: [0, 0, 0, 0], std: [1, 1, 1, 1] }));
    return runs.map((run) => ({ design, run, final }));
  });
}

/** Mean per-design rank correlations of predicted and real final labels. */
function withinDesignRanks(predictions: readonly RunPrediction[], truth: readonly number[][]): MethodMetrics['withinDesign'] {
  const byDesign = new Map<number, number[]>();
  predictions.forEach((p, i) => byDesign.set(p.design, [...(byDesign.get(p.design) ?? []), i]));
  const corr = (f: (a: number[], b: number[]) => number, c: number) => {
    const values = [...byDesign.values()].flatMap((idx) => {
      const real = idx.map((i) => truth[i][c]);
      if (idx.length < 2 || real.every((v) => v === real[0])) return [];
      const pred = idx.map((i) => predictions[i].final[c]);
      return [pred.every((v) => v === pred[0]) ? 0 : f(pred, real)];
    });
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
  };
  const per = (f: (c: number) => number) => Object.fromEntries(CHANNELS.map((ch, c) => [ch, f(c)])) as PerChannel;
  return {
    spearman: per((c) => corr(spearman, c)),
    kendall: per((c) => corr(kendallTau, c)),
    designs: per((c) => [...byDesign.values()].filter((idx) => idx.length > 1 && idx.some((i) => truth[i][c] !== truth[idx[0]][c])).length),
  };
}

export function scorePredictions(designs: readonly LsoDesign[], predictions: readonly RunPrediction[]): MethodMetrics {
  const truth = predictions.map((p) => truthOf(designs[p.design], p.run));
  const per = (f: (c: number) => number) => Object.fromEntries(CHANNELS.map((ch, c) => [ch, f(c)])) as PerChannel;
  const finalMape = per((c) => mape(predictions.map((p) => p.final[c]), truth.map((t) => t[c])));
  const finalR2 = per((c) => r2(predictions.map((p) => p.final[c]), truth.map((t) => t[c])));
  const nmse = per((c) => {
    const errors = predictions.flatMap((p, i) => {
      const s: MeanStd | undefined = designs[p.design].qorStats[STATS_KEY[CHANNELS[c]]];
      return s && hasSpread(s) ? [(zScore(p.final[c], s) - zScore(truth[i][c], s)) ** 2] : [];
    });
    return errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : NaN;
  });
  let trajectoryMape: MethodMetrics['trajectoryMape'] = null;
  if (predictions.length && predictions.every((p) => p.steps)) {
    const t = predictions[0].steps!.length;
    const at = (j: number, c: number) => mape(predictions.map((p) => p.steps![j][c]), predictions.map((p) => (c === 0 ? designs[p.design].runs[p.run].labels.steps[j].nodes : designs[p.design].runs[p.run].labels.steps[j].levels)));
    trajectoryMape = { nodes: Array.from({ length: t }, (_, j) => at(j, 0)), levels: Array.from({ length: t }, (_, j) => at(j, 1)) };
  }
  return { finalMape, finalR2, trajectoryMape, nmse, withinDesign: withinDesignRanks(predictions, truth), runs: predictions.length, designs: new Set(predictions.map((p) => p.design)).size };
}
