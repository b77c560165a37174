/** Presentation of `kv tune`: the plotly report sections (Pareto front, sensitivity, throughput). */
import type { ConfigScore, LayerSensitivity, ThroughputRow } from '../../models/llm/kv/index.ts';
import type { ReportSection } from '../report/html-report.ts';

interface TuneReport {
  readonly mode: string;
  readonly budget: number;
  readonly fullPerplexity: number;
  readonly uniform: Record<string, ConfigScore>;
  readonly pareto: readonly ConfigScore[];
  readonly chosen: ConfigScore & { readonly throughputGainVsKV8: number; readonly throughputGainContext: number };
  readonly searched: readonly { avgBits: number; tunePerplexity: number; pairs: string[] }[];
  readonly sensitivity: readonly LayerSensitivity[];
  readonly clusters: readonly number[][];
  readonly throughput: readonly ThroughputRow[];
  readonly attentionKernel: string;
}

export function tuneSections(r: TuneReport): ReportSection[] {
  const uniform = Object.entries(r.uniform);
  const layers = r.sensitivity.map((s) => `layer ${s.layer}`);
  const names = [...new Set(r.throughput.map((t) => t.name))];
  const contexts = [...new Set(r.throughput.map((t) => t.context))];
  return [
    {
      heading: 'Pareto front: test perplexity against average bits',
      html: `<p>Mode ${r.mode}, budget ${r.budget} bits. Full (FP16) cache: perplexity ${r.fullPerplexity.toFixed(3)}. Chosen: ${r.chosen.avgBits.toFixed(3)} bits, perplexity ${r.chosen.perplexity.toFixed(3)} (${r.chosen.pairs.join(' ')}); decode throughput ${(100 * r.chosen.throughputGainVsKV8).toFixed(1)}% over KV8 at context ${r.chosen.throughputGainContext} (${r.attentionKernel} attention kernel). Layer clusters: ${r.clusters.map((c) => `{${c.join(', ')}}`).join(' ')}.</p>`,
      table: { columns: ['configuration', 'average bits', 'test perplexity', 'tuning perplexity'], rows: [...uniform.map(([n, u]) => [n, u.avgBits, u.perplexity, u.tunePerplexity]), ...r.pareto.map((p) => [p.pairs.join(' '), p.avgBits, p.perplexity, p.tunePerplexity])] },
      charts: [{
        title: 'KV-cache configurations: perplexity vs average bits (test windows)',
        data: [
          { type: 'scatter', mode: 'lines+markers', name: 'searched front (mixed)', x: r.pareto.map((p) => p.avgBits), y: r.pareto.map((p) => p.perplexity), text: r.pareto.map((p) => p.pairs.join(' ')) },
          { type: 'scatter', mode: 'markers+text', name: 'uniform', x: uniform.map(([, u]) => u.avgBits), y: uniform.map(([, u]) => u.perplexity), text: uniform.map(([n]) => n), textposition: 'top center' },
          { type: 'scatter', mode: 'markers', name: 'chosen', marker: { size: 14, symbol: 'star' }, x: [r.chosen.avgBits], y: [r.chosen.perplexity] },
        ],
        layout: { xaxis: { title: { text: 'average bits ((k + v) / 2 over layers)' } }, yaxis: { title: { text: 'test perplexity' }, type: 'log' } },
      }, {
        title: 'Every configuration the search evaluated (tuning windows)',
        data: [{ type: 'scatter', mode: 'markers', name: 'searched', x: r.searched.map((p) => p.avgBits), y: r.searched.map((p) => p.tunePerplexity), text: r.searched.map((p) => p.pairs.join(' ')) }],
        layout: { xaxis: { title: { text: 'average bits' } }, yaxis: { title: { text: 'tuning perplexity' }, type: 'log' } },
      }],
    },
    {
      heading: 'Per-layer sensitivity: keys against values',
      table: {
        columns: ['layer', 'attn err K4', 'attn err V4', 'attn err K2', 'attn err V2', 'ppl K2', 'ppl V2', 'kept pairs'],
        rows: r.sensitivity.map((s) => [s.layer, s.attentionError.k4, s.attentionError.v4, s.attentionError.k2, s.attentionError.v2, s.perplexity.k2, s.perplexity.v2, s.kept.join(' ')]),
      },
      charts: [{
        title: 'Attention-output error with only K or only V quantized to 2 bits',
        data: [
          { type: 'bar', name: 'keys at 2 bits', x: layers, y: r.sensitivity.map((s) => s.attentionError.k2) },
          { type: 'bar', name: 'values at 2 bits', x: layers, y: r.sensitivity.map((s) => s.attentionError.v2) },
        ],
        layout: { barmode: 'group', yaxis: { title: { text: 'relative error' } } },
      }],
    },
    {
      heading: `Decode throughput on the array against the context length (${r.attentionKernel} attention kernel)`,
      table: { columns: ['configuration', ...contexts.map((c) => `${c} tokens/s`)], rows: names.map((n) => [n, ...contexts.map((c) => r.throughput.find((t) => t.name === n && t.context === c)!.tokensPerSecond)]) },
      charts: [{
        title: 'Decode tokens/s at the array clock',
        data: names.map((n) => ({ type: 'scatter', mode: 'lines+markers', name: n, x: contexts, y: contexts.map((c) => r.throughput.find((t) => t.name === n && t.context === c)!.tokensPerSecond) })),
        layout: { xaxis: { title: { text: 'context (tokens)' }, type: 'log' }, yaxis: { title: { text: 'tokens/s' }, type: 'log' } },
      }],
    },
  ];
}
