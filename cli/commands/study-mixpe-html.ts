/**
 * The MixPE study's HTML report (plotly charts): the reference mode against the published table,
 * each Tessera section's speed and energy by part, the geomeans of all models side by side, the PE
 * kinds' throughput per area, the claims under each averaging, and the accuracy cost.
 */
import type { StudyPeKind } from '../../hw/energy/index.ts';
import { publishedMixpe } from '../../sim/study/index.ts';
import type { ReportSection } from '../report/html-report.ts';
import { kindLabel, officialError, type ModelSection, type StudySummary } from './study-mixpe-report.ts';

const parts = ['core', 'buffer', 'dram', 'static'] as const;

function officialCharts(o: ModelSection): ReportSection {
  const models = o.headlineKeys;
  const xs = models.flatMap((m) => o.accelerators.map((a) => `${m} ${kindLabel(a.pe)}`));
  const published = (m: string, pe: StudyPeKind) => publishedMixpe.timeByModel[m as keyof typeof publishedMixpe.timeByModel]?.[pe] ?? NaN;
  return {
    heading: "Reference mode: the official cost model against its published table",
    html: `<p>${publishedMixpe.source}. Largest |ours - published| over the 24 per-model times: ${officialError(o).toFixed(4)}. The published "Geomean" row is an arithmetic mean; both means are in the table.</p>`,
    table: {
      columns: ['model', ...o.accelerators.flatMap((a) => [`${kindLabel(a.pe)} ours`, 'published'])],
      rows: [...models, 'arithmeticMean', 'geomean'].map((m) => [m, ...o.accelerators.flatMap((a) => [o.rows.get(m)![a.pe]!.time, m === 'arithmeticMean' ? publishedMixpe.time[a.pe] : published(m, a.pe)])]),
    },
    charts: [{
      title: 'Time vs FP16 per model: reference mode and published',
      data: [
        { type: 'bar', name: 'reference mode', x: xs, y: models.flatMap((m) => o.accelerators.map((a) => o.rows.get(m)![a.pe]!.time)) },
        { type: 'bar', name: 'published', x: xs, y: models.flatMap((m) => o.accelerators.map((a) => published(m, a.pe))) },
      ],
      layout: { barmode: 'group', yaxis: { title: { text: 'time / FP16 time' } } },
    }],
  };
}

function tesseraCharts(s: ModelSection): ReportSection[] {
  const keys = [...s.rows.keys()];
  const short = (pe: StudyPeKind) => kindLabel(pe).replace('MixPE-', '').replace('BitFusion', 'BitF');
  const stackedX = [keys.flatMap((k) => s.accelerators.map(() => k)), keys.flatMap(() => s.accelerators.map((a) => short(a.pe)))];
  const arrays = s.accelerators.map((a) => `${kindLabel(a.pe)} ${a.rows}x${a.cols}`).join(', ');
  return [
    {
      heading: `${s.title}: time`,
      html: `<p>Arrays: ${arrays}. Workloads without a phase are the official ones (64-row linear layers); the others are the library's phases with attention.</p>`,
      table: { columns: ['workload', ...s.accelerators.map((a) => kindLabel(a.pe))], rows: keys.map((k) => [k, ...s.accelerators.map((a) => s.rows.get(k)![a.pe]?.time ?? NaN)]) },
      charts: [{
        title: `Speedup over FP16 (${s.id})`,
        data: s.accelerators.map((a) => ({ type: 'bar', name: kindLabel(a.pe), x: keys, y: keys.map((k) => 1 / (s.rows.get(k)![a.pe]?.time ?? NaN)) })),
        layout: { barmode: 'group', yaxis: { title: { text: 'speedup vs FP16' } } },
      }],
    },
    {
      heading: `${s.title}: energy by part`,
      table: { columns: ['workload', ...s.accelerators.map((a) => kindLabel(a.pe))], rows: keys.map((k) => [k, ...s.accelerators.map((a) => s.rows.get(k)![a.pe]?.energy ?? NaN)]) },
      charts: [{
        title: `Energy by part, fraction of FP16 energy (${s.id})`,
        data: parts.map((p) => ({ type: 'bar', name: p, x: stackedX, y: keys.flatMap((k) => s.accelerators.map((a) => s.rows.get(k)![a.pe]?.parts[p] ?? NaN)) })),
        layout: { barmode: 'stack', yaxis: { title: { text: 'energy / FP16 energy' } } },
      }],
    },
  ];
}

export function reportSections(s: StudySummary): ReportSection[] {
  const settings = `<p>${Object.entries(s.settings).map(([k, v]) => `<b>${k}</b>: ${String(v).replace(/[<>&]/g, '')}`).join('<br>')}</p>`;
  const kinds = s.sections[0]?.accelerators.map((a) => a.pe) ?? [];
  const official = s.sections.find((x) => x.id === 'official');
  const sections: ReportSection[] = [{ heading: 'Settings', html: settings }];
  if (official) sections.push(officialCharts(official));
  for (const t of s.sections.filter((x) => x.id !== 'official')) sections.push(...tesseraCharts(t));
  sections.push({
    heading: 'Both models side by side: geometric mean time vs FP16 over the four official workloads',
    table: {
      columns: ['model', ...kinds.map(kindLabel)],
      rows: [...s.sections.map((x) => [x.id, ...kinds.map((pe) => x.rows.get('geomean')![pe]?.time ?? NaN)]), ['published (arithmetic mean)', ...kinds.map((pe) => publishedMixpe.time[pe])]],
    },
    charts: [{
      title: 'Geomean time vs FP16, by cost model',
      data: [
        ...s.sections.map((x) => ({ type: 'bar', name: x.id, x: kinds.map(kindLabel), y: kinds.map((pe) => x.rows.get('geomean')![pe]?.time ?? NaN) })),
        { type: 'bar', name: 'published', x: kinds.map(kindLabel), y: kinds.map((pe) => publishedMixpe.time[pe]) },
      ],
      layout: { barmode: 'group', yaxis: { title: { text: 'time / FP16 time' } } },
    }],
  });
  if (s.peKinds.length) {
    sections.push({
      heading: 'PE kinds: MACs per cycle and synthesized area',
      html: `<p>Areas: ${s.areaSource}.</p>`,
      table: {
        columns: ['kind', 'modes (MACs per PE per cycle)', 'PE area (um^2)', 'MACs/cycle per mm^2, best mode'],
        rows: s.peKinds.map((k) => [k.label, k.modes.map((m) => `${m.mode}: ${m.macsPerCycle}`).join(', '), k.areaUm2, Math.max(...k.modes.map((m) => m.macsPerCycle)) / (k.areaUm2 * 1e-6)]),
      },
      charts: [{
        title: 'MACs per cycle per mm^2 of PE area, by precision mode',
        data: [...new Set(s.peKinds.flatMap((k) => k.modes.map((m) => m.mode)))].map((mode) => ({
          type: 'bar', name: mode, x: s.peKinds.map((k) => k.label), y: s.peKinds.map((k) => (k.modes.find((m) => m.mode === mode)?.macsPerCycle ?? NaN) / (k.areaUm2 * 1e-6)),
        })),
        layout: { barmode: 'group', yaxis: { title: { text: 'MACs / cycle / mm^2' } } },
      }],
    });
  }
  sections.push({
    heading: "The paper's claim under each averaging",
    html: `<p>Speedup and energy reduction of MixPE over ANT, BitFusion and INT8 (paper: ${publishedMixpe.claims.speedup}x and ${publishedMixpe.claims.energyReduction}x): arithmetic and geometric means of the per-model ratios, and the ratio of the mean normalised times.</p>`,
    table: {
      columns: ['model', 'MixPE vs', 'speedup arith', 'speedup geo', 'speedup ratio of means', 'energy arith', 'energy geo', 'energy ratio of means'],
      rows: s.sections.flatMap((x) => x.claims.map((c) => [x.id, `${kindLabel(c.variant)} vs ${c.baseline === 'all' ? 'all three' : kindLabel(c.baseline)}`,
        c.speedup.arithmeticMean, c.speedup.geometricMean, c.speedup.ratioOfMeans, c.energyReduction.arithmeticMean, c.energyReduction.geometricMean, c.energyReduction.ratioOfMeans])),
    },
  });
  if (s.accuracy.length) {
    const roles = [...new Set(s.accuracy.flatMap((r) => Object.keys(r.byRole)))];
    const name = (r: (typeof s.accuracy)[number]) => `${kindLabel(r.pe)} ${r.mode}`;
    sections.push({
      heading: 'Accuracy cost: output error of each PE kind and mode against an FP32 GEMM',
      html: "<p>Relative RMS error of the layer outputs (pooled over layers), computed through the simulator's exact value path (cycle mode) on real weights and real activations of the model.</p>",
      table: { columns: ['accelerator', 'relative RMS error', 'SQNR (dB)', ...roles], rows: s.accuracy.map((r) => [name(r), r.relativeRmsError, r.sqnrDb, ...roles.map((role) => r.byRole[role] ?? NaN)]) },
      charts: [{
        title: 'Relative RMS output error by layer role (lower is better)',
        data: roles.map((role) => ({ type: 'bar', name: role, x: s.accuracy.map(name), y: s.accuracy.map((r) => r.byRole[role]) })),
        layout: { barmode: 'group', yaxis: { title: { text: 'relative RMS error' }, type: 'log' } },
      }],
    });
  }
  return sections;
}
