import { analyzeTiming, lumpedNet, type TimingAnalysis } from '../../../../eda/timing/index.ts';
import { endpointRequired } from '../labels.ts';
import type { SlackGraph } from '../parser/slack-graph.ts';
import type { Prediction } from './propagate.ts';

/** A baseline's endpoint slacks (ns) and WNS/TNS. */
export interface BaselineSlack {
  readonly endpoints: Map<number, number>;
  readonly wns: number;
  readonly tns: number;
  readonly seconds: number;
}

function fromAnalysis(a: TimingAnalysis, seconds: number): BaselineSlack {
  return { endpoints: new Map(a.setup.map((e) => [e.pin, e.slack * 1e9])), wns: a.wns * 1e9, tns: a.tns * 1e9, seconds };
}

/** Pre-route STA with the library's default wire-load model (wire C and R from fanout). */
export function wireLoadSta(g: SlackGraph): { slack: BaselineSlack; analysis: TimingAnalysis } {
  const t = performance.now();
  const analysis = analyzeTiming(g.graph, g.libs, g.sdc);
  return { slack: fromAnalysis(analysis, (performance.now() - t) / 1000), analysis };
}

/** Pre-route STA with each net's half-perimeter wired at the LEF's capacitance per micron, lumped (no resistance). */
export function hpwlLumpedSta(g: SlackGraph): BaselineSlack {
  const t = performance.now();
  const [h, v] = g.tech.pairs[0]!;
  const cPerUm = (g.tech.layers[h]!.c + g.tech.layers[v]!.c) / 2;
  const analysis = analyzeTiming(g.graph, g.libs, g.sdc, { parasitics: (net) => lumpedNet(g.netHpwl[net]! * cPerUm), parasiticsName: 'HPWL, lumped' });
  return fromAnalysis(analysis, (performance.now() - t) / 1000);
}

/**
 * The AT-only baseline: the model's arrival times against the required times of plain pre-route
 * STA (wire-load model) on the same graph, as in TimingGCN-style predictors without a RAT module.
 */
export function atOnlySlack(pred: Prediction, preRoute: TimingAnalysis): BaselineSlack {
  const t = performance.now();
  const endpoints = new Map<number, number>();
  for (const [p, req] of endpointRequired(preRoute)) {
    let slack = Infinity;
    for (let rf = 0; rf < 2; rf++) {
      const a = pred.arrival[p * 4 + rf]!;
      if (!Number.isNaN(a) && Number.isFinite(req[rf])) slack = Math.min(slack, req[rf] - a);
    }
    if (Number.isFinite(slack)) endpoints.set(p, slack);
  }
  let tns = 0;
  let wns = 0;
  for (const s of endpoints.values()) {
    if (s < 0) tns += s;
    wns = Math.min(wns, s);
  }
  return { endpoints, wns, tns, seconds: (performance.now() - t) / 1000 };
}
