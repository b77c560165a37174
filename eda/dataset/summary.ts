import type { DatasetRecord } from './record.ts';

/** Counts and label distributions of a data set, for `tessera dataset stats`. */
export interface DatasetSummary {
  designs: number;
  ok: number;
  failed: number;
  trajectories: number;
  byCorpus: Record<string, { ok: number; failed: number }>;
  tools: string[];
  /** Each label's values over all designs (AIG) or all trajectories (the rest). */
  labels: Record<string, number[]>;
}

export const LABELS: Readonly<Record<string, string>> = {
  aig_ands: 'AND nodes after synthesis',
  aig_levels: 'AIG levels after synthesis',
  final_nodes: 'AND nodes after the recipe',
  final_levels: 'AIG levels after the recipe',
  node_ratio: 'nodes after / before the recipe',
  lut6_count: 'LUT-6 count',
  lut6_depth: 'LUT-6 depth',
  area: 'mapped area (Liberty units)',
  delay_ps: 'mapped delay (ps)',
};

export function summarizeDataset(records: readonly DatasetRecord[]): DatasetSummary {
  const labels: Record<string, number[]> = Object.fromEntries(Object.keys(LABELS).map((k) => [k, []]));
  const byCorpus: DatasetSummary['byCorpus'] = {};
  const tools = new Set<string>();
  let trajectories = 0;
  for (const r of records) {
    const c = (byCorpus[r.corpus] ??= { ok: 0, failed: 0 });
    c[r.status]++;
    tools.add(`yosys ${r.tools?.yosys ?? '?'}${r.tools?.liberty ? `, ${r.tools.liberty}` : ''}`);
    if (r.status !== 'ok') continue;
    if (r.aig) {
      labels.aig_ands.push(r.aig.ands);
      labels.aig_levels.push(r.aig.levels);
    }
    for (const t of r.trajectories ?? []) {
      trajectories++;
      const first = t.steps[0];
      const last = t.steps[t.steps.length - 1];
      labels.final_nodes.push(last.nodes);
      labels.final_levels.push(last.levels);
      if (first.nodes > 0) labels.node_ratio.push(last.nodes / first.nodes);
      labels.lut6_count.push(t.lut6.luts);
      labels.lut6_depth.push(t.lut6.depth);
      if (t.mapped) {
        labels.area.push(t.mapped.area);
        labels.delay_ps.push(t.mapped.delayPs);
      }
    }
  }
  const ok = records.filter((r) => r.status === 'ok').length;
  return { designs: records.length, ok, failed: records.length - ok, trajectories, byCorpus, tools: [...tools].sort(), labels };
}
