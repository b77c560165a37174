import { seededRandom } from '../../../../util/index.ts';
import { inputTransitions } from '../../../../eda/timing/index.ts';
import type { TimingLabels } from '../labels.ts';
import type { SlackGraph } from '../parser/slack-graph.ts';
import type { ModelConstraints } from './constraints.ts';
import { CELL_FEATURES, NET_FEATURES, cellArcFeatures, netArcFeatures } from './features.ts';

/** Teacher-forced training rows: features at the true input slew, residual targets (ns) against the physics estimate. */
export interface ArcSamples {
  readonly features: Float32Array;
  /** [delay residual, slew residual] per row, ns. */
  readonly targets: Float32Array;
  readonly rows: number;
}

/** Cell arcs (launch and combinational, late and early): NLDM at the true input slew vs STA's delay and slew. */
export function cellSamples(g: SlackGraph, c: ModelConstraints, labels: TimingLabels, maxRows: number, seed: number): ArcSamples {
  const rows: number[][] = [];
  const graph = g.graph;
  const d = g.sdc.derate;
  const derate = [d.lateCell, d.earlyCell];
  const f = new Float32Array(CELL_FEATURES);
  graph.cellEdges.forEach((e, ei) => {
    if (c.clockOf[e.to]! >= 0) return;
    for (let mm = 0; mm < 2; mm++) {
      for (let outRf = 0; outRf < 2; outRf++) {
        const ins = e.role === 'launch' ? [e.clockEdge === 'rise' ? 0 : 1] : inputTransitions(e.arc, outRf);
        for (const inRf of ins) {
          const k = ei * 8 + mm * 4 + inRf * 2 + outRf;
          const delay = labels.cellDelay[k]!;
          const slew = labels.cellSlew[k]!;
          if (!Number.isFinite(delay) || !Number.isFinite(slew)) continue;
          const inSlew = labels.slew[e.from * 4 + mm * 2 + inRf]!;
          cellArcFeatures(g, ei, outRf, mm, inSlew, f, 0);
          const td = f[0]!;
          const ts = f[1]!;
          if (!Number.isFinite(td)) continue;
          rows.push([...f, delay / derate[mm]! - td, slew - ts]);
        }
      }
    }
  });
  return pack(rows, CELL_FEATURES, maxRows, seed);
}

/** Net arcs into data load pins: the Elmore estimate at the true driver slew vs STA's wire delay and load slew. */
export function netSamples(g: SlackGraph, c: ModelConstraints, labels: TimingLabels, maxRows: number, seed: number): ArcSamples {
  const rows: number[][] = [];
  const graph = g.graph;
  const d = g.sdc.derate;
  const derate = [d.lateNet, d.earlyNet];
  const f = new Float32Array(NET_FEATURES);
  graph.pins.forEach((pin, l) => {
    if (pin.isDriver || pin.net < 0 || c.clockOf[l]! >= 0) return;
    const drv = graph.nets[pin.net]!.drivers[0];
    if (drv === undefined || c.clockOf[drv]! >= 0) return;
    for (let mm = 0; mm < 2; mm++) {
      for (let rf = 0; rf < 2; rf++) {
        const k = mm * 2 + rf;
        const wire = labels.arrival[l * 4 + k]! - labels.arrival[drv * 4 + k]!;
        if (!Number.isFinite(wire)) continue;
        netArcFeatures(g, l, rf, mm, labels.slew[drv * 4 + k]!, f, 0);
        rows.push([...f, wire / derate[mm]! - f[4]!, labels.slew[l * 4 + k]! - f[0]!]);
      }
    }
  });
  return pack(rows, NET_FEATURES, maxRows, seed);
}

/** A seeded subsample of at most maxRows rows, split into features and targets. */
function pack(rows: number[][], columns: number, maxRows: number, seed: number): ArcSamples {
  const rand = seededRandom(seed);
  for (let i = rows.length - 1; i > 0 && rows.length > maxRows; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  const kept = rows.slice(0, maxRows);
  const features = new Float32Array(kept.length * columns);
  const targets = new Float32Array(kept.length * 2);
  kept.forEach((r, i) => {
    for (let k = 0; k < columns; k++) features[i * columns + k] = r[k]!;
    targets[i * 2] = r[columns]!;
    targets[i * 2 + 1] = r[columns + 1]!;
  });
  return { features, targets, rows: kept.length };
}

/** Rows of several sample sets, one after the other. */
export function concatSamples(sets: readonly ArcSamples[], columns: number): ArcSamples {
  const rows = sets.reduce((s, x) => s + x.rows, 0);
  const features = new Float32Array(rows * columns);
  const targets = new Float32Array(rows * 2);
  let at = 0;
  for (const s of sets) {
    features.set(s.features, at * columns);
    targets.set(s.targets, at * 2);
    at += s.rows;
  }
  return { features, targets, rows };
}
