import type { Spef } from '../timing/index.ts';
import { rcTotals, type RcNet } from './rc-net.ts';

export interface RelativeErrors {
  readonly count: number;
  /** Median and 90th percentile of |estimate - reference| / reference. */
  readonly median: number;
  readonly p90: number;
  /** Mean of estimate / reference. */
  readonly meanRatio: number;
}

export interface SpefComparison {
  readonly nets: { name: string; res: number; cap: number; refRes: number; refCap: number }[];
  readonly res: RelativeErrors;
  readonly cap: RelativeErrors;
}

function relativeErrors(pairs: [number, number][]): RelativeErrors {
  const ok = pairs.filter(([, ref]) => ref > 0);
  const rel = ok.map(([e, ref]) => Math.abs(e - ref) / ref).sort((a, b) => a - b);
  const at = (q: number) => rel[Math.min(rel.length - 1, Math.floor(q * rel.length))] ?? NaN;
  return { count: ok.length, median: at(0.5), p90: at(0.9), meanRatio: ok.reduce((s, [e, ref]) => s + e / ref, 0) / Math.max(1, ok.length) };
}

/**
 * Per-net total wire resistance and capacitance (coupling included) of routed-estimate nets
 * against an extracted SPEF of the same placement, over the nets both have.
 */
export function compareWithSpef(nets: readonly RcNet[], spef: Spef): SpefComparison {
  const rows: SpefComparison['nets'] = [];
  for (const net of nets) {
    const ref = spef.nets.get(net.name);
    if (!ref) continue;
    const t = rcTotals(net);
    rows.push({
      name: net.name, res: t.res, cap: t.cap,
      refRes: ref.res.reduce((s, r) => s + r.value, 0),
      refCap: ref.caps.reduce((s, c) => s + c.value, 0),
    });
  }
  return { nets: rows, res: relativeErrors(rows.map((r) => [r.res, r.refRes])), cap: relativeErrors(rows.map((r) => [r.cap, r.refCap])) };
}
