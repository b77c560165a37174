/** The sections of `merge compare --report`. */
import type { MergeExperiment } from '../../models/llm/merge/index.ts';
import type { ReportSection } from '../report/html-report.ts';

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : (100 * x).toFixed(1));

export function mergeReport(r: MergeExperiment): ReportSection[] {
  const rows: (string | number)[][] = [
    ['individual models', '-', ...r.tasks.map((t) => pct(r.individual[t])), pct(r.tasks.reduce((s, t) => s + r.individual[t], 0) / r.tasks.length), '100.0'],
    ...(r.multitask ? [['multi-task model', '-', ...r.tasks.map((t) => pct(r.multitask![t])), pct(r.tasks.reduce((s, t) => s + r.multitask![t], 0) / r.tasks.length), pct(r.tasks.reduce((s, t) => s + r.multitask![t] / r.individual[t], 0) / r.tasks.length)]] : []),
    ...r.methods.map((m) => [m.method, JSON.stringify(m.params), ...r.tasks.map((t) => pct(m.accuracy[t])), pct(m.average), pct(m.normalizedAverage)]),
  ];
  const bars = [
    { type: 'bar', name: 'individual', x: r.tasks, y: r.tasks.map((t) => 100 * r.individual[t]) },
    ...(r.multitask ? [{ type: 'bar', name: 'multi-task', x: r.tasks, y: r.tasks.map((t) => 100 * r.multitask![t]) }] : []),
    ...r.methods.map((m) => ({ type: 'bar', name: m.method, x: r.tasks, y: r.tasks.map((t) => 100 * m.accuracy[t]) })),
  ];
  const lore = r.methods.find((m) => m.method === 'lore');
  const sections: ReportSection[] = [
    { heading: 'Test accuracy (%) of each merge, each task with its own head', table: { columns: ['model', 'dev-tuned parameters', ...r.tasks, 'average', 'normalised average'], rows }, charts: [{ title: 'Test accuracy by task', data: bars, layout: { barmode: 'group', yaxis: { title: 'accuracy %' } } }] },
    { heading: 'Dev grid (average dev accuracy %)', table: { columns: ['method', 'parameters', 'dev average'], rows: r.methods.flatMap((m) => m.grid.map((g) => [m.method, JSON.stringify(g.params), pct(g.devAverage)])) } },
  ];
  if (lore?.lore) {
    const d = lore.lore;
    sections.push({
      heading: 'LoRE diagnostics',
      html: `<p>Implicit base vs the true base: relative Frobenius distance ${d.implicitBaseDistance.toExponential(3)} (the plain mean of the fine-tuned models: ${d.meanModelDistance.toExponential(3)}), over the tensors the fine-tunes changed. Mean rank of the estimated task vectors: ${d.meanRank.toFixed(1)}.</p>`,
      charts: [{ title: 'LoRE objective by coordinate-descent iteration (chosen mu)', data: [{ type: 'scatter', mode: 'lines+markers', x: d.objective.map((_, i) => i + 1), y: d.objective }], layout: { xaxis: { title: 'iteration' }, yaxis: { title: 'objective' } } }],
    });
  }
  sections.push({
    heading: 'Task-vector spectra (singular values of theta_task - theta_base per changed matrix, divided by the largest)',
    charts: r.spectra.map((s) => ({
      title: `${s.task}`,
      data: s.matrices.map((m) => ({ type: 'scatter', mode: 'lines', name: m.name, x: m.values.map((_, k) => k + 1), y: m.values.map((v) => v / m.values[0]) })),
      layout: { xaxis: { title: 'index', type: 'log' }, yaxis: { title: 'sigma_k / sigma_1' } },
    })),
  });
  return sections;
}
