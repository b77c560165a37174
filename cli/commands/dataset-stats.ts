import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError } from '../../util/index.ts';
import { LABELS, readDatasetRecords, summarizeDataset, type DatasetSummary } from '../../eda/dataset/index.ts';
import { writeReport, type ReportSection } from '../report/html-report.ts';

function describe(values: readonly number[]): string {
  if (values.length === 0) return 'none';
  const sorted = [...values].sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));
  return `n=${values.length} min ${fmt(sorted[0])} median ${fmt(q(0.5))} p90 ${fmt(q(0.9))} max ${fmt(sorted[sorted.length - 1])}`;
}

/** The report: counts per corpus and one histogram per label. */
export function datasetReportSections(file: string, s: DatasetSummary): ReportSection[] {
  return [
    {
      heading: 'Counts',
      html: `<p>${file}: ${s.designs} designs (${s.ok} ok, ${s.failed} failed), ${s.trajectories} recipe trajectories. Tools: ${s.tools.join('; ')}</p>`,
      table: { columns: ['corpus', 'ok', 'failed'], rows: Object.entries(s.byCorpus).map(([c, n]) => [c, n.ok, n.failed]) },
    },
    {
      heading: 'Label distributions',
      charts: Object.entries(LABELS)
        .filter(([key]) => s.labels[key].length > 0)
        .map(([key, title]) => ({ title, data: [{ type: 'histogram', x: s.labels[key], nbinsx: 40, name: key }], layout: { xaxis: { title: { text: key } }, yaxis: { title: { text: 'count' } } } })),
    },
  ];
}

export default defineCommand({
  path: ['dataset', 'stats'],
  summary: 'counts and label distributions of a QoR data set, with an optional histogram report',
  positionals: 'FILE',
  details: 'example: tessera dataset stats iscas85.jsonl --report reports/iscas85',
  flags: [{ name: 'report', kind: 'string', valueName: 'DIR', help: 'write DIR/dataset-stats.html with a histogram per label' }],
  async run(flags, positionals) {
    if (positionals.length !== 1) throw new UserError(`expected one data set file, got ${positionals.length}`, 'FILE', 'usage: tessera dataset stats FILE [--report DIR]');
    const records = readDatasetRecords(positionals[0]);
    if (records.length === 0) throw new UserError(`${positionals[0]} has no records`, 'FILE', 'give a JSON Lines file written by tessera dataset build');
    const summary = summarizeDataset(records);
    console.log(`${positionals[0]}: ${summary.designs} designs (${summary.ok} ok, ${summary.failed} failed), ${summary.trajectories} trajectories`);
    for (const [corpus, n] of Object.entries(summary.byCorpus)) console.log(`  ${corpus}: ${n.ok} ok, ${n.failed} failed`);
    console.log(`  tools: ${summary.tools.join('; ')}`);
    for (const [key, title] of Object.entries(LABELS)) console.log(`  ${key} (${title}): ${describe(summary.labels[key])}`);
    if (flags.report) {
      const path = join(flags.report, 'dataset-stats.html');
      writeReport(path, `QoR data set ${positionals[0]}`, datasetReportSections(positionals[0], summary));
      console.log(`report: ${path}`);
    }
  },
});
