// The HTML report of `gnn compare`: the table, bar charts with error bars, per-seed points, the
// targets against the baselines and the paper, the array's AUC and cost, the learned curvatures.
import { type ModelSummary, type RunRecord, type TargetCheck, paperMargins } from '../../models/gnn/index.ts';
import type { ReportSection } from '../report/html-report.ts';
import { formatMeanStd } from './gnn-runs.ts';

type Summary = Record<string, Record<string, ModelSummary>>;

function barChart(summary: Summary, metric: 'auc' | 'f1', title: string) {
  const datasets = Object.keys(summary);
  const models = [...new Set(datasets.flatMap((d) => Object.keys(summary[d])))];
  return {
    title,
    data: models.map((m) => ({
      type: 'bar', name: m, x: datasets,
      y: datasets.map((d) => (summary[d][m] ? 100 * summary[d][m][metric].mean : null)),
      error_y: { type: 'data', array: datasets.map((d) => (summary[d][m] ? 100 * summary[d][m][metric].std : 0)), visible: true },
    })),
    layout: { barmode: 'group', yaxis: { title: `test ${metric === 'auc' ? 'ROC-AUC' : 'macro-F1'} (%)` } },
  };
}

function seedChart(records: readonly RunRecord[], dataset: string) {
  const runs = records.filter((r) => r.dataset === dataset);
  const models = [...new Set(runs.map((r) => r.model))];
  return {
    title: `${dataset}: test AUC of every seed`,
    data: models.map((m) => {
      const mine = runs.filter((r) => r.model === m);
      return { type: 'scatter', mode: 'markers', name: m, x: mine.map(() => m), y: mine.map((r) => 100 * r.test.auc), text: mine.map((r) => `seed ${r.seed}, epoch ${r.epoch}, ${r.mix}`) };
    }),
    layout: { showlegend: false, yaxis: { title: 'test ROC-AUC (%)' } },
  };
}

function targetHtml(t: TargetCheck | undefined): string {
  if (!t) return '<p>The targets need SpaceGNN and all four baselines (MLP, GCN, GraphSAGE, BWGNN) on the same data sets.</p>';
  const rows = t.datasets.map((d) => {
    const p = t.perDataset[d];
    return `<li>${d}: AUC ${p.aucMargin >= 0 ? '+' : ''}${p.aucMargin.toFixed(2)} points over ${p.aucRival}, F1 ${p.f1Margin >= 0 ? '+' : ''}${p.f1Margin.toFixed(2)} points over ${p.f1Rival}</li>`;
  });
  return `<p>Best baseline by mean AUC over ${t.datasets.join(', ')}: <b>${t.bestBaseline}</b> (${(100 * t.bestBaselineMeanAuc).toFixed(2)} %);
SpaceGNN ${(100 * t.spaceGnnMeanAuc).toFixed(2)} %, above it on ${t.winsOver.length} of ${t.datasets.length} data sets (${t.winsOver.join(', ') || 'none'}).
Target (mean above, and above on at least two): <b>${t.met ? 'met' : 'not met'}</b>.</p>
<p>Average margin over the best rival per data set (the paper's measure): AUC ${t.averageMargin.auc.toFixed(2)} points (paper +${paperMargins.auc}),
F1 ${t.averageMargin.f1.toFixed(2)} points (paper +${paperMargins.f1}).</p><ul>${rows.join('')}</ul>`;
}

export function compareReport(summary: Summary, records: readonly RunRecord[], targets: TargetCheck | undefined, settingsHtml: string): ReportSection[] {
  const datasets = Object.keys(summary);
  const tableRows = datasets.flatMap((d) => Object.entries(summary[d]).map(([m, s]) => [d, m, formatMeanStd(s.auc), formatMeanStd(s.f1), s.runs]));
  const arrayRows = datasets.flatMap((d) => Object.entries(summary[d]).flatMap(([m, s]) => (s.array
    ? [[d, m, s.array.backend, s.array.runs, formatMeanStd(s.array.floatAuc), formatMeanStd(s.array.auc), formatMeanStd(s.array.f1), s.array.macs / 1e9, s.array.cycles / 1e6, s.array.seconds * 1e3, s.array.energyJ * 1e3]]
    : [])));
  const curvatureRows = records.filter((r) => Object.keys(r.learned).length > 0).map((r) => [
    r.dataset, r.model, r.seed, ...['curvature.hyperbolic', 'curvature.spherical'].map((k) => (r.learned[k] ? r.learned[k].map((v) => v.toFixed(4)).join(' ') : '-')),
  ]);
  return [
    { heading: 'Settings', html: settingsHtml },
    {
      heading: 'Test ROC-AUC and macro-F1 (mean ± std over seeds, %)',
      table: { columns: ['data set', 'model', 'AUC %', 'macro-F1 %', 'runs'], rows: tableRows },
      charts: [barChart(summary, 'auc', 'Test ROC-AUC'), barChart(summary, 'f1', 'Test macro-F1')],
    },
    { heading: 'SpaceGNN against the baselines and the paper', html: targetHtml(targets) },
    { heading: 'Every seed', charts: datasets.map((d) => seedChart(records, d)) },
    ...(arrayRows.length ? [{
      heading: 'Inference on the simulated array (one pass over every node of the graph)',
      table: { columns: ['data set', 'model', 'array', 'runs', 'float32 AUC %', 'array AUC %', 'array F1 %', 'GMAC', 'M cycles', 'ms at clock', 'energy mJ'], rows: arrayRows },
    }] : []),
    ...(curvatureRows.length ? [{
      heading: 'Learned curvatures (per layer, after training)',
      table: { columns: ['data set', 'model', 'seed', 'hyperbolic', 'spherical'], rows: curvatureRows },
    }] : []),
  ];
}
