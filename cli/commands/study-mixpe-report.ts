/**
 * Presentation of the MixPE study: the terminal tables, results.json, the CSV and the HTML report
 * sections (plotly charts: speedup bars, ours against the published figures, stacked energy bars,
 * the accuracy cost).
 */
import type { AcceleratorSpec } from '../../hw/accelerators/index.ts';
import type { StudyPeKind } from '../../hw/energy/index.ts';
import { geometricMean, publishedMixpe, type AccuracyRow, type NormalisedRow, type StudyEntry } from '../../sim/study/index.ts';
import type { ReportSection } from '../report/html-report.ts';

export interface StudySummary {
  readonly accelerators: readonly AcceleratorSpec[];
  readonly entries: readonly StudyEntry[];
  /** Normalised row per entry key, plus `geomean` (encoder/prefill) and `geomean/decode`. */
  readonly rows: ReadonlyMap<string, NormalisedRow>;
  readonly accuracy: readonly AccuracyRow[];
  readonly settings: Readonly<Record<string, string | number>>;
}

const parts = ['core', 'buffer', 'dram', 'static'] as const;
const fmt = (v: number | undefined, digits = 3) => (v === undefined ? '-' : v.toFixed(digits));

function table(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

/** results.json: per workload key and geomean, keyed by PE kind, each with time and energy (normalised to FP16). */
export function resultsJson(s: StudySummary): Record<string, Record<string, object>> {
  const out: Record<string, Record<string, object>> = {};
  for (const [key, row] of s.rows) {
    const entry = s.entries.find((e) => e.key === key);
    out[key] = {};
    for (const a of s.accelerators) {
      const n = row[a.pe];
      const c = entry?.byPe[a.pe];
      if (!n) continue;
      out[key][a.pe] = {
        time: n.time, energy: n.energy, energyParts: n.parts,
        ...(c ? { seconds: c.seconds, joules: c.energy.total, cycles: c.cycles, utilization: c.utilization, dramBytes: c.dramBytes } : {}),
      };
    }
  }
  return out;
}

export function resultsCsv(s: StudySummary): string {
  const lines = ['workload,pe,time_vs_fp16,energy_vs_fp16,core,buffer,dram,static,seconds,joules,utilization,published_time_vs_fp16'];
  for (const [key, row] of s.rows) {
    const entry = s.entries.find((e) => e.key === key);
    for (const a of s.accelerators) {
      const n = row[a.pe];
      const c = entry?.byPe[a.pe];
      if (!n) continue;
      const published = key === 'geomean' ? publishedMixpe.time[a.pe] : undefined;
      lines.push([key, a.pe, n.time, n.energy, ...parts.map((p) => n.parts[p]), c?.seconds ?? '', c?.energy.total ?? '', c?.utilization ?? '', published ?? ''].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The MixPE-W4A8 speedup and energy reduction over each baseline of the paper's claim, and their geomean. */
export function headlineClaims(s: StudySummary): { vs: StudyPeKind; speedup: number; energyReduction: number }[] {
  const g = s.rows.get('geomean');
  const mix = g?.['mixpe-w4a8'];
  if (!g || !mix) return [];
  const rows = publishedMixpe.claims.baselines.filter((b) => g[b]).map((b) => ({ vs: b, speedup: g[b]!.time / mix.time, energyReduction: g[b]!.energy / mix.energy }));
  return rows;
}

export function terminalReport(s: StudySummary): string {
  const labels = s.accelerators.map((a) => a.label);
  const keyed = [...s.rows.keys()];
  const timeRows = keyed.map((k) => [k, ...s.accelerators.map((a) => fmt(s.rows.get(k)![a.pe]?.time))]);
  const g = s.rows.get('geomean');
  timeRows.push(['published geomean', ...s.accelerators.map((a) => fmt(publishedMixpe.time[a.pe], 2))]);
  if (g) timeRows.push(['ours / published', ...s.accelerators.map((a) => fmt(g[a.pe] && g[a.pe]!.time / publishedMixpe.time[a.pe], 2))]);
  const energyRows = keyed.map((k) => [k, ...s.accelerators.map((a) => fmt(s.rows.get(k)![a.pe]?.energy))]);
  const breakdown = g ? s.accelerators.map((a) => [a.label, ...parts.map((p) => fmt(g[a.pe]?.parts[p])), fmt(g[a.pe]?.energy)]) : [];
  const acc = s.accuracy.map((r) => [s.accelerators.find((a) => a.pe === r.pe)!.label, fmt(r.relativeRmsError, 4), r.sqnrDb.toFixed(1)]);
  const claims = headlineClaims(s);
  const claimText = claims.length
    ? `MixPE-W4A8 vs ${claims.map((c) => `${c.vs}: ${c.speedup.toFixed(2)}x faster, ${c.energyReduction.toFixed(2)}x less energy`).join('; ')}; geomean ${geometricMean(claims.map((c) => c.speedup)).toFixed(2)}x / ${geometricMean(claims.map((c) => c.energyReduction)).toFixed(2)}x (paper: ${publishedMixpe.claims.speedup}x / ${publishedMixpe.claims.energyReduction}x)`
    : '';
  return [
    `settings: ${Object.entries(s.settings).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    'time normalised to FP16 (lower is better)',
    table(['workload', ...labels], timeRows),
    '',
    'energy normalised to FP16',
    table(['workload', ...labels], energyRows),
    '',
    'energy breakdown, geomean (fractions of FP16 energy)',
    table(['accelerator', ...parts, 'total'], breakdown),
    '',
    `accuracy cost: relative RMS output error against the FP32 GEMM (${s.accuracy[0]?.layers ?? 0} real layers)`,
    table(['accelerator', 'rel. RMS error', 'SQNR dB'], acc),
    '',
    claimText,
  ].join('\n');
}

export function reportSections(s: StudySummary): ReportSection[] {
  const keys = [...s.rows.keys()];
  const g = s.rows.get('geomean');
  const settings = `<p>${Object.entries(s.settings).map(([k, v]) => `<b>${k}</b>: ${String(v).replace(/[<>&]/g, '')}`).join('<br>')}</p>`;
  // Short accelerator names keep the two-level axis of the stacked chart readable.
  const short = (label: string) => label.replace('MixPE-', '').replace('BitFusion', 'BitF');
  const stackedX = [keys.flatMap((k) => s.accelerators.map(() => k)), keys.flatMap(() => s.accelerators.map((a) => short(a.label)))];
  const rolesSet = [...new Set(s.accuracy.flatMap((r) => Object.keys(r.byRole)))];
  return [
    { heading: 'Settings', html: settings },
    {
      heading: 'Speed: time normalised to FP16',
      table: { columns: ['workload', ...s.accelerators.map((a) => a.label)], rows: keys.map((k) => [k, ...s.accelerators.map((a) => s.rows.get(k)![a.pe]?.time ?? NaN)]) },
      charts: [{
        title: 'Speedup over FP16 (higher is better)',
        data: s.accelerators.map((a) => ({ type: 'bar', name: a.label, x: keys, y: keys.map((k) => 1 / (s.rows.get(k)![a.pe]?.time ?? NaN)) })),
        layout: { barmode: 'group', yaxis: { title: { text: 'speedup vs FP16' } } },
      }],
    },
    {
      heading: 'Ours against the published MixPE simulator results',
      html: `<p>Published: ${publishedMixpe.source}. Time normalised to FP16, geometric mean over the encoder/prefill workloads.</p>`,
      table: {
        columns: ['accelerator', 'ours', 'published', 'ours / published'],
        rows: s.accelerators.map((a) => [a.label, g?.[a.pe]?.time ?? NaN, publishedMixpe.time[a.pe], (g?.[a.pe]?.time ?? NaN) / publishedMixpe.time[a.pe]]),
      },
      charts: [{
        title: 'Geomean time vs FP16: Tessera and published',
        data: [
          { type: 'bar', name: 'Tessera', x: s.accelerators.map((a) => a.label), y: s.accelerators.map((a) => g?.[a.pe]?.time ?? NaN) },
          { type: 'bar', name: 'published', x: s.accelerators.map((a) => a.label), y: s.accelerators.map((a) => publishedMixpe.time[a.pe]) },
        ],
        layout: { barmode: 'group', yaxis: { title: { text: 'time / FP16 time' } } },
      }],
    },
    {
      heading: 'Energy normalised to FP16, by part',
      table: { columns: ['workload', ...s.accelerators.map((a) => a.label)], rows: keys.map((k) => [k, ...s.accelerators.map((a) => s.rows.get(k)![a.pe]?.energy ?? NaN)]) },
      charts: [{
        title: 'Energy by part (fraction of FP16 energy)',
        data: parts.map((p) => ({ type: 'bar', name: p, x: stackedX, y: keys.flatMap((k) => s.accelerators.map((a) => s.rows.get(k)![a.pe]?.parts[p] ?? NaN)) })),
        layout: { barmode: 'stack', yaxis: { title: { text: 'energy / FP16 energy' } } },
      }],
    },
    {
      heading: 'Accuracy cost: output error of each PE kind against an FP32 GEMM',
      html: '<p>Relative RMS error of the layer outputs (pooled over layers), computed through the simulator\'s exact value path (cycle mode) on real weights and real activations of the model.</p>',
      table: {
        columns: ['accelerator', 'relative RMS error', 'SQNR (dB)', ...rolesSet],
        rows: s.accuracy.map((r) => [s.accelerators.find((a) => a.pe === r.pe)!.label, r.relativeRmsError, r.sqnrDb, ...rolesSet.map((role) => r.byRole[role] ?? NaN)]),
      },
      charts: [{
        title: 'Relative RMS output error by layer role (lower is better)',
        data: rolesSet.map((role) => ({ type: 'bar', name: role, x: s.accuracy.map((r) => s.accelerators.find((a) => a.pe === r.pe)!.label), y: s.accuracy.map((r) => r.byRole[role]) })),
        layout: { barmode: 'group', yaxis: { title: { text: 'relative RMS error' }, type: 'log' } },
      }],
    },
  ];
}
