import type { MethodMetrics } from './evaluate.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}`;
const ratio = (x: number | null) => (x === null ? '-' : x.toFixed(2));

/** The metrics of several methods on one setting as a markdown table. */
export function metricsMarkdown(rows: readonly MethodMetrics[], samples: number): string {
  const head = ['method', 'validity %', 'raw validity %', 'exact (1 sample) %', `exact (best of ${samples}) %`, 'bit accuracy %',
    'ANDs / ABC (1 sample, median)', `ANDs / ABC (best of ${samples}, median)`, `levels / ABC (best of ${samples}, median)`, `mean ANDs vs ABC (best of ${samples})`, 'extra-AND outputs (1 sample) %'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const m of rows) {
    lines.push(`| ${[
      m.method, pct(m.validity), pct(m.rawValidity), pct(m.exactSingle), pct(m.exactBestOf), pct(m.bitAccuracy),
      ratio(m.andRatioSingle), ratio(m.andRatioBestOf), ratio(m.levelRatioBestOf),
      m.meanAndsBestOf === null ? '-' : `${m.meanAndsBestOf.toFixed(2)} vs ${m.meanAbcAndsBestOf!.toFixed(2)}`, pct(m.repairedSingle),
    ].join(' | ')} |`);
  }
  return lines.join('\n');
}
