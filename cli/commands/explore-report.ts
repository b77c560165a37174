// The sweep's HTML report: the Pareto table and, per workload, time against energy and area against
// error with the Pareto points marked.
import type { EnergyParts } from '../../hw/energy/index.ts';
import type { ReportSection } from '../report/html-report.ts';

/** One point of `tessera explore --json` (the fields the JSON promises, plus energy by part). */
export interface ExplorePointResult {
  pe: string;
  array: string;
  group: number | 'channel';
  dataflow: 'os' | 'ws';
  workload: string;
  cycles: number;
  seconds: number;
  energyJ: number;
  energyParts: EnergyParts;
  utilization: number;
  areaUm2: number;
  areaSource: string;
  error: number;
}

const label = (r: ExplorePointResult) => `${r.pe} ${r.array} g${r.group} ${r.dataflow}`;

export function exploreSections(results: readonly ExplorePointResult[], pareto: readonly number[], settings: Record<string, string | number>): ReportSection[] {
  const onFront = new Set(pareto);
  const sections: ReportSection[] = [{
    heading: 'Settings',
    table: { columns: ['setting', 'value'], rows: Object.entries(settings).map(([k, v]) => [k, v]) },
  }, {
    heading: 'Pareto front (time, energy, area, error; per workload)',
    table: {
      columns: ['workload', 'PE', 'array', 'group', 'dataflow', 'cycles', 'time (s)', 'energy (J)', 'area (mm²)', 'rel. RMS error', 'utilization'],
      rows: pareto.map((i) => {
        const r = results[i];
        return [r.workload, r.pe, r.array, String(r.group), r.dataflow, r.cycles, r.seconds.toPrecision(4), r.energyJ.toPrecision(4), (r.areaUm2 / 1e6).toPrecision(4), r.error.toPrecision(3), r.utilization.toFixed(3)];
      }),
    },
  }];
  for (const workload of [...new Set(results.map((r) => r.workload))]) {
    const mine = results.map((r, i) => ({ r, front: onFront.has(i) })).filter(({ r }) => r.workload === workload);
    const traces = (x: (r: ExplorePointResult) => number, y: (r: ExplorePointResult) => number) =>
      [...new Set(mine.map(({ r }) => r.pe))].map((pe) => {
        const pts = mine.filter(({ r }) => r.pe === pe);
        return {
          type: 'scatter', mode: 'markers', name: pe,
          x: pts.map(({ r }) => x(r)), y: pts.map(({ r }) => y(r)), text: pts.map(({ r, front }) => `${label(r)}${front ? ' (Pareto)' : ''}`),
          marker: { size: pts.map(({ front }) => (front ? 12 : 7)), symbol: pts.map(({ front }) => (front ? 'diamond' : 'circle')) },
        };
      });
    sections.push({
      heading: `${workload}`,
      charts: [
        { title: `${workload}: time vs energy (diamonds: Pareto)`, data: traces((r) => r.seconds, (r) => r.energyJ), layout: { xaxis: { title: 'time (s)', type: 'log' }, yaxis: { title: 'energy (J)', type: 'log' } } },
        { title: `${workload}: area vs error`, data: traces((r) => r.areaUm2 / 1e6, (r) => r.error), layout: { xaxis: { title: 'area (mm²)', type: 'log' }, yaxis: { title: 'relative RMS error', type: 'log' } } },
      ],
    });
  }
  return sections;
}
