import type { ModelSummary } from './experiment.ts';

export const baselineModels = ['mlp', 'gcn', 'sage', 'bwgnn'] as const;

/** The paper's average gains over the best rival on each data set, in AUC and macro-F1 points. */
export const paperMargins = { auc: 8.55, f1: 4.31 } as const;

export interface TargetCheck {
  readonly datasets: readonly string[];
  /** The baseline with the best mean AUC over the data sets. */
  readonly bestBaseline: string;
  readonly spaceGnnMeanAuc: number;
  readonly bestBaselineMeanAuc: number;
  /** Data sets where SpaceGNN's mean AUC is above the best baseline's. */
  readonly winsOver: readonly string[];
  /** Met when the mean over the data sets is above and it wins on at least two. */
  readonly met: boolean;
  /** Per data set, SpaceGNN minus the best baseline on that data set, in points (AUC and F1 rivals chosen separately). */
  readonly perDataset: Record<string, { readonly aucRival: string; readonly aucMargin: number; readonly f1Rival: string; readonly f1Margin: number }>;
  /** The paper's measure: the average of the per-data-set margins, in points. */
  readonly averageMargin: { readonly auc: number; readonly f1: number };
}

/**
 * SpaceGNN against the baselines (MLP, GCN, GraphSAGE, BWGNN; not its own ablations) on the data
 * sets that have every one of them: the target (mean AUC above the best baseline's, and
 * above it on at least two data sets) and the paper's margin (average gain over the best rival).
 */
export function checkTargets(summary: Record<string, Record<string, ModelSummary>>, model = 'spacegnn'): TargetCheck | undefined {
  const datasets = Object.keys(summary).filter((d) => summary[d][model] && baselineModels.every((b) => summary[d][b]));
  if (datasets.length === 0) return undefined;
  const meanAuc = (m: string) => datasets.reduce((s, d) => s + summary[d][m].auc.mean, 0) / datasets.length;
  const bestBaseline = [...baselineModels].sort((a, b) => meanAuc(b) - meanAuc(a))[0];
  const winsOver = datasets.filter((d) => summary[d][model].auc.mean > summary[d][bestBaseline].auc.mean);
  const perDataset: TargetCheck['perDataset'] = {};
  for (const d of datasets) {
    const best = (metric: 'auc' | 'f1') => [...baselineModels].sort((a, b) => summary[d][b][metric].mean - summary[d][a][metric].mean)[0];
    const aucRival = best('auc');
    const f1Rival = best('f1');
    perDataset[d] = {
      aucRival, aucMargin: 100 * (summary[d][model].auc.mean - summary[d][aucRival].auc.mean),
      f1Rival, f1Margin: 100 * (summary[d][model].f1.mean - summary[d][f1Rival].f1.mean),
    };
  }
  const average = (f: (m: TargetCheck['perDataset'][string]) => number) => datasets.reduce((s, d) => s + f(perDataset[d]), 0) / datasets.length;
  return {
    datasets, bestBaseline, spaceGnnMeanAuc: meanAuc(model), bestBaselineMeanAuc: meanAuc(bestBaseline), winsOver,
    met: meanAuc(model) > meanAuc(bestBaseline) && winsOver.length >= Math.min(2, datasets.length),
    perDataset, averageMargin: { auc: average((m) => m.aucMargin), f1: average((m) => m.f1Margin) },
  };
}
