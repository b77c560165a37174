import type { SplitResult } from './train.ts';

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');

/** The evaluation as Markdown: one table per split, a row per method, area and delay metrics. */
export function metricsMarkdown(splits: readonly SplitResult[]): string {
  return splits
    .map((s) => {
      const head = `#### ${s.split} — ${s.trainDesigns} training designs, ${s.testDesigns} test designs\n\n| method | area R² | area MAE | area RSE | area MAPE % | area median APE % | area τ | delay R² | delay MAE | delay RSE | delay MAPE % | delay median APE % | delay τ |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|`;
      const rows = s.results.map(
        (r) => `| ${r.method} | ${f3(r.area.r2)} | ${f3(r.area.mae)} | ${f3(r.area.rse)} | ${f1(r.area.mape)} | ${f1(r.area.medianApe)} | ${f3(r.area.kendallTau)} | ${f3(r.delay.r2)} | ${f3(r.delay.mae)} | ${f3(r.delay.rse)} | ${f1(r.delay.mape)} | ${f1(r.delay.medianApe)} | ${f3(r.delay.kendallTau)} |`,
      );
      return [head, ...rows].join('\n');
    })
    .join('\n\n');
}
