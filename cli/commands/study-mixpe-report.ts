/**
 * Presentation of the MixPE study: the summary both cost models fill in, results.json, the CSV and
 * the terminal tables (the HTML report is study-mixpe-html.ts).
 */
import { mixpeEvaluation } from '../../hw/accelerators/index.ts';
import type { StudyPeKind } from '../../hw/energy/index.ts';
import type { PrecisionMode } from '../../hw/index.ts';
import {
  arithmeticMeanRow, claimTable, geomeanRow, nearestToClaim, normalise, publishedMixpe,
  type AccuracyRow, type ClaimRow, type NormalisedRow, type OfficialResult, type PhaseCost, type StudyEntry,
} from '../../sim/study/index.ts';

/** One cost model on one set of arrays: the official reference mode, or Tessera's model. */
export interface ModelSection {
  readonly id: 'official' | 'tessera' | 'tesseraIsoArea';
  readonly title: string;
  readonly accelerators: readonly { readonly pe: StudyPeKind; readonly label: string; readonly rows: number; readonly cols: number }[];
  /** Normalised rows per workload key, then `geomean`, `arithmeticMean` and the per-phase geomeans. */
  readonly rows: ReadonlyMap<string, NormalisedRow>;
  /** The models the means and claims are over (the official workloads). */
  readonly headlineKeys: readonly string[];
  readonly claims: readonly ClaimRow[];
  /** Absolute figures per workload key (Tessera's model). */
  readonly costs?: ReadonlyMap<string, Readonly<Partial<Record<StudyPeKind, PhaseCost>>>>;
}

/** One PE kind: MACs per cycle in each mode and its synthesized area. */
export interface PeKindRow {
  readonly pe: StudyPeKind;
  readonly label: string;
  readonly modes: readonly { readonly mode: PrecisionMode; readonly macsPerCycle: number }[];
  readonly areaUm2: number;
}

export interface StudySummary {
  readonly sections: readonly ModelSection[];
  readonly peKinds: readonly PeKindRow[];
  readonly areaSource: string;
  readonly accuracy: readonly AccuracyRow[];
  readonly settings: Readonly<Record<string, string | number>>;
}

const parts = ['core', 'buffer', 'dram', 'static'] as const;

/** The study's label of a PE kind (MixPE-W4A8, ANT, ...). */
export function kindLabel(pe: StudyPeKind): string {
  return mixpeEvaluation.find((a) => a.pe === pe)?.label ?? pe;
}
const fmt = (v: number | undefined, digits = 3) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits));

export function table(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

/** Adds the means over the headline keys (and per library phase) to a section's rows. */
export function withMeans(rows: Map<string, NormalisedRow>, headlineKeys: readonly string[]): Map<string, NormalisedRow> {
  const head = headlineKeys.map((k) => rows.get(k)!);
  rows.set('geomean', geomeanRow(head));
  rows.set('arithmeticMean', arithmeticMeanRow(head));
  const phases = new Set([...rows.keys()].filter((k) => k.includes('/')).map((k) => k.split('/')[1]!));
  for (const phase of phases) rows.set(`geomean/${phase}`, geomeanRow([...rows].filter(([k]) => k.endsWith(`/${phase}`)).map(([, r]) => r)));
  return rows;
}

/** The reference mode's result as a section. */
export function officialSection(r: OfficialResult, accelerators: ModelSection['accelerators']): ModelSection {
  const rows = new Map<string, NormalisedRow>(Object.entries(r.models).map(([model, byPe]) => [model, byPe]));
  const headlineKeys = [...rows.keys()];
  withMeans(rows, headlineKeys);
  return { id: 'official', title: "Reference mode: the official MixPE simulator's cost model on its workloads", accelerators, rows, headlineKeys, claims: claimTable(headlineKeys.map((k) => rows.get(k)!)) };
}

/** Tessera's model on one set of arrays as a section. */
export function tesseraSection(id: 'tessera' | 'tesseraIsoArea', title: string, entries: readonly StudyEntry[], accelerators: ModelSection['accelerators']): ModelSection {
  const rows = new Map<string, NormalisedRow>(entries.map((e) => [e.key, normalise(e, 'fp16')]));
  const headlineKeys = entries.filter((e) => e.headline).map((e) => e.key);
  withMeans(rows, headlineKeys);
  return { id, title, accelerators, rows, headlineKeys, claims: claimTable(headlineKeys.map((k) => rows.get(k)!)), costs: new Map(entries.map((e) => [e.key, e.byPe])) };
}

/** Largest |ours - published| over the 24 published per-model times. */
export function officialError(s: ModelSection): number {
  let worst = 0;
  for (const [model, published] of Object.entries(publishedMixpe.timeByModel)) {
    for (const [pe, t] of Object.entries(published)) worst = Math.max(worst, Math.abs(s.rows.get(model)![pe as StudyPeKind]!.time - t));
  }
  return worst;
}

/** results.json: one section per cost model, each keyed by workload and `geomean`, then PE kind, with time and energy. */
export function resultsJson(s: StudySummary): Record<string, unknown> {
  const out: Record<string, unknown> = { settings: s.settings };
  for (const section of s.sections) {
    const rows: Record<string, Record<string, object>> = {};
    for (const [key, row] of section.rows) {
      rows[key] = {};
      for (const a of section.accelerators) {
        const n = row[a.pe];
        const c = section.costs?.get(key)?.[a.pe];
        if (!n) continue;
        rows[key]![a.pe] = {
          time: n.time, energy: n.energy, energyParts: n.parts,
          ...(c ? { seconds: c.seconds, joules: c.energy.total, cycles: c.cycles, utilization: c.utilization, dramBytes: c.dramBytes } : {}),
        };
      }
    }
    out[section.id] = rows;
  }
  out.published = { source: publishedMixpe.source, timeByModel: publishedMixpe.timeByModel, time: publishedMixpe.time, energy: publishedMixpe.energy, claims: publishedMixpe.claims };
  out.claims = Object.fromEntries(s.sections.map((x) => [x.id, x.claims]));
  out.accelerators = Object.fromEntries(s.sections.map((x) => [x.id, x.accelerators]));
  out.peKinds = { source: s.areaSource, kinds: s.peKinds };
  out.accuracy = s.accuracy;
  return out;
}

export function resultsCsv(s: StudySummary): string {
  const lines = ['model,workload,pe,time_vs_fp16,energy_vs_fp16,core,buffer,dram,static,seconds,joules,utilization,published_time_vs_fp16'];
  for (const section of s.sections) {
    for (const [key, row] of section.rows) {
      for (const a of section.accelerators) {
        const n = row[a.pe];
        if (!n) continue;
        const c = section.costs?.get(key)?.[a.pe];
        const published = section.id !== 'official' ? undefined : key === 'arithmeticMean' ? publishedMixpe.time[a.pe] : publishedMixpe.timeByModel[key as keyof typeof publishedMixpe.timeByModel]?.[a.pe];
        lines.push([section.id, key, a.pe, n.time, n.energy, ...parts.map((p) => n.parts[p]), c?.seconds ?? '', c?.energy.total ?? '', c?.utilization ?? '', published ?? ''].join(','));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function sectionTables(section: ModelSection): string[] {
  const labels = section.accelerators.map((a) => a.label);
  const keys = [...section.rows.keys()];
  const cell = (k: string, pe: StudyPeKind, f: 'time' | 'energy') => {
    const v = fmt(section.rows.get(k)![pe]?.[f]);
    const published = section.id === 'official' && f === 'time' ? (k === 'arithmeticMean' ? publishedMixpe.time[pe] : publishedMixpe.timeByModel[k as keyof typeof publishedMixpe.timeByModel]?.[pe]) : undefined;
    const publishedEnergy = section.id === 'official' && f === 'energy' && k === 'arithmeticMean' ? publishedMixpe.energy[pe] : undefined;
    const p = published ?? publishedEnergy;
    return p === undefined ? v : `${v} (${Number.isInteger(p * 100) ? p.toFixed(2) : p.toFixed(3)})`;
  };
  const arrays = section.accelerators.map((a) => `${a.label} ${a.rows}x${a.cols}`).join(', ');
  const lines = [section.title, `arrays: ${arrays}`, '', section.id === 'official' ? 'time normalised to FP16 (published in parentheses)' : 'time normalised to FP16 (lower is better)',
    table(['workload', ...labels], keys.map((k) => [k, ...section.accelerators.map((a) => cell(k, a.pe, 'time'))])), '',
    section.id === 'official' ? 'energy normalised to FP16 (published mean in parentheses)' : 'energy normalised to FP16',
    table(['workload', ...labels], keys.map((k) => [k, ...section.accelerators.map((a) => cell(k, a.pe, 'energy'))])), ''];
  if (section.id === 'official') lines.push(`largest |ours - published| over the 24 published per-model times: ${officialError(section).toFixed(4)}`, '');
  return lines;
}

function claimLines(section: ModelSection): string[] {
  const rows = section.claims.map((c) => [
    `${kindLabel(c.variant)} vs ${c.baseline === 'all' ? 'all three' : kindLabel(c.baseline)}`,
    ...(['speedup', 'energyReduction'] as const).flatMap((f) => [fmt(c[f].arithmeticMean, 2), fmt(c[f].geometricMean, 2), fmt(c[f].ratioOfMeans, 2)]),
  ]);
  const near = nearestToClaim(section.claims, publishedMixpe.claims);
  const say = (n: ReturnType<typeof nearestToClaim>['speedup'], what: string) =>
    `${what} nearest the paper: ${n.variant} vs ${n.baseline === 'all' ? 'the mean of ANT, BitFusion and INT8' : n.baseline}, ${n.averaging} over the models: ${n.value.toFixed(2)}x`;
  return [
    `claims (${section.id}): speedup and energy reduction of MixPE over the baselines, per averaging over the models (paper: ${publishedMixpe.claims.speedup}x / ${publishedMixpe.claims.energyReduction}x)`,
    table(['', 'speedup: arith', 'geo', 'ratio of means', 'energy: arith', 'geo', 'ratio of means'], rows),
    say(near.speedup, 'speedup'), say(near.energyReduction, 'energy reduction'), '',
  ];
}

export function terminalReport(s: StudySummary): string {
  const lines: string[] = [`settings: ${Object.entries(s.settings).map(([k, v]) => `${k} ${v}`).join(', ')}`, ''];
  for (const section of s.sections) lines.push(...sectionTables(section));
  if (s.peKinds.length) {
    lines.push(`PE kinds: MACs per PE per cycle by precision mode, and synthesized area (${s.areaSource})`,
      table(['kind', 'modes (MACs/cycle)', 'area um^2', 'MACs/cycle/mm^2 (best mode)'], s.peKinds.map((k) => [
        k.label, k.modes.map((m) => `${m.mode} ${m.macsPerCycle}`).join(', '), fmt(k.areaUm2, 0), fmt(Math.max(...k.modes.map((m) => m.macsPerCycle)) / (k.areaUm2 * 1e-6), 0),
      ])), '');
  }
  for (const section of s.sections) lines.push(...claimLines(section));
  if (s.accuracy.length) {
    lines.push(`accuracy cost: relative RMS output error against the FP32 GEMM (${s.accuracy[0]!.layers} real layers)`,
      table(['accelerator', 'mode', 'rel. RMS error', 'SQNR dB'], s.accuracy.map((r) => [kindLabel(r.pe), r.mode, fmt(r.relativeRmsError, 4), r.sqnrDb.toFixed(1)])));
  }
  return lines.join('\n');
}
