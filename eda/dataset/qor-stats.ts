// Per-design normalisation of the QoR targets, as OpenABC-D does: each design's labels are z-scored
// with the mean and standard deviation over that design's recipes, so designs of very different
// sizes weigh alike in a loss or a metric.
import type { Trajectory } from '../synth/recipes/index.ts';

/** The final-QoR labels of a recipe run. */
export const QOR_TARGETS = ['nodes', 'levels', 'area', 'delayPs', 'lut6'] as const;
export type QorTarget = (typeof QOR_TARGETS)[number];

export interface MeanStd { mean: number; std: number }
export type DesignQorStats = Partial<Record<QorTarget, MeanStd>>;

/** A trajectory's final labels (area and delay only when it was mapped with a Liberty file). */
export function finalQor(t: Trajectory): Partial<Record<QorTarget, number>> {
  const last = t.steps[t.steps.length - 1];
  return { nodes: last.nodes, levels: last.levels, lut6: t.lut6.luts, ...(t.mapped ? { area: t.mapped.area, delayPs: t.mapped.delayPs } : {}) };
}

/** Mean and population standard deviation of each final label over a design's recipes. */
export function designQorStats(trajectories: readonly Trajectory[]): DesignQorStats {
  const stats: DesignQorStats = {};
  const finals = trajectories.map(finalQor);
  for (const target of QOR_TARGETS) {
    const values = finals.flatMap((f) => (f[target] === undefined ? [] : [f[target]!]));
    if (values.length === 0) continue;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    stats[target] = { mean, std };
  }
  return stats;
}

/** False when every recipe gave the same value (up to rounding): no z-score is defined. */
export function hasSpread(s: MeanStd): boolean {
  return s.std > 1e-9 * Math.max(1, Math.abs(s.mean));
}

/** A label in standard deviations from its design's mean (0 when every recipe gave the same value). */
export function zScore(value: number, s: MeanStd): number {
  return hasSpread(s) ? (value - s.mean) / s.std : 0;
}
