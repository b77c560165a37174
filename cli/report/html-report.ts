import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeFileAtomic } from '../../util/index.ts';

/** One plotly chart: its traces and layout as plotly.js takes them. */
export interface Chart {
  title: string;
  data: readonly object[];
  layout?: object;
}

/** A report section: a heading, optional HTML text or a table, and charts. */
export interface ReportSection {
  heading: string;
  html?: string;
  table?: { columns: readonly string[]; rows: ReadonlyArray<ReadonlyArray<string | number>> };
  charts?: readonly Chart[];
}

const require = createRequire(import.meta.url);
let plotlySource: string | undefined;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function renderTable(t: NonNullable<ReportSection['table']>): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(typeof v === 'number' ? formatNumber(v) : v)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

/**
 * A self-contained HTML page: plotly.js is inlined, so the file opens offline. Each chart sits in a
 * `div.chart` with a `data-title`; the page sets `data-charts-rendered` on <body> once all are drawn.
 */
export function renderReport(title: string, sections: readonly ReportSection[]): string {
  plotlySource ??= readFileSync(require.resolve('plotly.js-dist'), 'utf8');
  const charts: { id: string; chart: Chart }[] = [];
  const body = sections
    .map((s) => {
      const parts = [`<h2>${escapeHtml(s.heading)}</h2>`];
      if (s.html) parts.push(s.html);
      if (s.table) parts.push(renderTable(s.table));
      for (const chart of s.charts ?? []) {
        const id = `chart-${charts.length}`;
        charts.push({ id, chart });
        parts.push(`<div class="chart" id="${id}" data-title="${escapeHtml(chart.title)}"></div>`);
      }
      return `<section>${parts.join('\n')}</section>`;
    })
    .join('\n');
  // JSON inside <script>: escape '<' so no string can close the tag.
  const specs = JSON.stringify(charts.map(({ id, chart }) => ({ id, data: chart.data, layout: { title: { text: chart.title }, ...chart.layout } }))).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}.chart{height:440px}</style>
<script>${plotlySource}</script></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
<script>
const specs = ${specs};
Promise.all(specs.map((s) => Plotly.newPlot(s.id, s.data, s.layout, { responsive: true })))
  .then(() => document.body.setAttribute('data-charts-rendered', String(specs.length)));
</script></body></html>
`;
}

export function writeReport(path: string, title: string, sections: readonly ReportSection[]): void {
  writeFileAtomic(path, renderReport(title, sections));
}
