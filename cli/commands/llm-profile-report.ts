/** Presentation of `llm profile`: the terminal table and the plotly report sections. */
import type { CostSummary, PhaseProfile } from '../../models/llm/index.ts';
import type { ReportSection } from '../report/html-report.ts';

const parts = ['core', 'buffer', 'dram', 'static'] as const;
const dramParts = ['weights', 'kv', 'activations'] as const;

function row(name: string, c: CostSummary): (string | number)[] {
  return [name, c.cycles, c.utilization, c.energyJ.total * 1e9, ...dramParts.map((p) => c.dramBytes[p])];
}

const columns = ['', 'cycles', 'utilization', 'energy (nJ)', 'DRAM weights (B)', 'DRAM KV (B)', 'DRAM activations (B)'];

export function terminalTable(p: PhaseProfile): string {
  const rows = [...p.byKind.map((k) => row(k.kind, k.cost)), row('total', p.perToken)];
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v);
  const cells = [columns, ...rows].map((r) => r.map(fmt));
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export interface SweepRow {
  readonly context: number;
  readonly kvShareOfDram: number;
  readonly attentionShareOfCycles: number;
  readonly tokensPerSecond: number;
  readonly joulesPerToken: number;
  readonly kvCacheBytes: number;
}

export function profileSections(phases: readonly PhaseProfile[], sweep: readonly SweepRow[], settings: Record<string, string | number>): ReportSection[] {
  const sections: ReportSection[] = [{ heading: 'Settings', html: `<p>${Object.entries(settings).map(([k, v]) => `<b>${k}</b>: ${String(v).replace(/[<>&]/g, '')}`).join('<br>')}</p>` }];
  for (const p of phases) {
    const kinds = p.byKind.map((k) => k.kind);
    const layers = p.byLayer.map((l) => (l.layer < 0 ? 'head' : `block ${l.layer}`));
    sections.push({
      heading: `${p.phase} at context ${p.context}: per token`,
      html: `<p>${p.tokensPerSecond.toFixed(0)} tokens/s and ${(p.joulesPerToken * 1e9).toFixed(1)} nJ per token at the array clock; KV cache ${p.kvCacheBytes} bytes.</p>`,
      table: { columns, rows: [...p.byKind.map((k) => row(k.kind, k.cost)), row('total', p.perToken)] },
      charts: [
        {
          title: `${p.phase}: cycles per token by GEMM kind and block`,
          data: kinds.map((kind) => ({ type: 'bar', name: kind, x: layers, y: p.byLayer.map((l) => p.entries.find((e) => e.layer === l.layer && e.kind === kind)?.cost.cycles ?? 0) })),
          layout: { barmode: 'stack', yaxis: { title: { text: 'cycles per token' } } },
        },
        {
          title: `${p.phase}: energy per token by GEMM kind and part`,
          data: parts.map((part) => ({ type: 'bar', name: part, x: kinds, y: p.byKind.map((k) => k.cost.energyJ[part] * 1e9) })),
          layout: { barmode: 'stack', yaxis: { title: { text: 'nJ per token' } } },
        },
        {
          title: `${p.phase}: DRAM bytes per token by GEMM kind`,
          data: dramParts.map((d) => ({ type: 'bar', name: d, x: kinds, y: p.byKind.map((k) => k.cost.dramBytes[d]) })),
          layout: { barmode: 'stack', yaxis: { title: { text: 'bytes per token' } } },
        },
      ],
    });
  }
  sections.push({
    heading: 'Decode against the context length: the KV cache\'s share',
    table: { columns: ['context', 'KV share of DRAM bytes', 'attention share of cycles', 'tokens/s', 'nJ/token', 'KV cache bytes'], rows: sweep.map((s) => [s.context, s.kvShareOfDram, s.attentionShareOfCycles, s.tokensPerSecond, s.joulesPerToken * 1e9, s.kvCacheBytes]) },
    charts: [
      {
        title: 'KV cache share of a decode step',
        data: [
          { type: 'scatter', mode: 'lines+markers', name: 'KV share of DRAM bytes', x: sweep.map((s) => s.context), y: sweep.map((s) => s.kvShareOfDram) },
          { type: 'scatter', mode: 'lines+markers', name: 'attention share of cycles', x: sweep.map((s) => s.context), y: sweep.map((s) => s.attentionShareOfCycles) },
        ],
        layout: { xaxis: { type: 'log', title: { text: 'context (tokens)' } }, yaxis: { title: { text: 'share' }, range: [0, 1] } },
      },
      {
        title: 'Decode throughput at the array clock',
        data: [{ type: 'scatter', mode: 'lines+markers', name: 'tokens/s', x: sweep.map((s) => s.context), y: sweep.map((s) => s.tokensPerSecond) }],
        layout: { xaxis: { type: 'log', title: { text: 'context (tokens)' } }, yaxis: { title: { text: 'tokens per second' } } },
      },
    ],
  });
  return sections;
}
