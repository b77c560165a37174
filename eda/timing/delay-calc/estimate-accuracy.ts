import type { Def } from '../def/index.ts';
import type { TimingGraph } from '../graph/index.ts';
import type { Lef } from '../lef/index.ts';
import type { Spef } from '../spef/index.ts';
import { estimateNet, pinLocations, routingRC } from './placement-estimate.ts';

export interface ErrorStats {
  /** Nets compared. */
  count: number;
  /** Mean and median of |est - ref| / ref, and the mean signed ratio est/ref. */
  meanAbsRelError: number;
  medianAbsRelError: number;
  p90AbsRelError: number;
  meanRatio: number;
  /** Pearson correlation of est and ref. */
  correlation: number;
}

export interface EstimateAccuracy {
  nets: { name: string; estRes: number; spefRes: number; estCap: number; spefCap: number }[];
  res: ErrorStats;
  cap: ErrorStats;
}

function stats(pairs: [number, number][]): ErrorStats {
  const ok = pairs.filter(([, r]) => r > 0);
  const rel = ok.map(([e, r]) => Math.abs(e - r) / r).sort((a, b) => a - b);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
  const es = ok.map(([e]) => e);
  const rs = ok.map(([, r]) => r);
  const me = mean(es);
  const mr = mean(rs);
  let cov = 0;
  let ve = 0;
  let vr = 0;
  ok.forEach(([e, r]) => {
    cov += (e - me) * (r - mr);
    ve += (e - me) ** 2;
    vr += (r - mr) ** 2;
  });
  return {
    count: ok.length,
    meanAbsRelError: mean(rel),
    medianAbsRelError: rel[Math.floor(rel.length / 2)] ?? NaN,
    p90AbsRelError: rel[Math.floor(rel.length * 0.9)] ?? NaN,
    meanRatio: mean(ok.map(([e, r]) => e / r)),
    correlation: cov / Math.sqrt(ve * vr),
  };
}

/**
 * Per-net wire R and C of the placement estimate against an extracted SPEF of the same layout
 * (total resistance and total capacitance, coupling included), with error statistics.
 */
export function estimateAccuracy(graph: TimingGraph, def: Def, lef: Lef, spef: Spef): EstimateAccuracy {
  const rc = routingRC(lef);
  const loc = pinLocations(graph, def, lef);
  const nets: EstimateAccuracy['nets'] = [];
  for (const [name, sn] of spef.nets) {
    const ni = graph.netIndex.get(name);
    if (ni === undefined) continue;
    const est = estimateNet(graph, ni, loc, rc);
    if (!est) continue;
    nets.push({
      name, estRes: est.res, estCap: est.cap,
      spefRes: sn.res.reduce((s, r) => s + r.value, 0),
      spefCap: sn.caps.reduce((s, c) => s + c.value, 0),
    });
  }
  return { nets, res: stats(nets.map((n) => [n.estRes, n.spefRes])), cap: stats(nets.map((n) => [n.estCap, n.spefCap])) };
}
