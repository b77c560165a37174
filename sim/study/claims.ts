/**
 * The paper's headline claim, 2.6x speedup and 1.4x energy reduction "over state-of-the-art
 * quantization accelerators", re-derived from per-model results under every averaging one could
 * mean: per baseline (ANT, BitFusion, INT8) the arithmetic mean of the per-model ratios, their
 * geometric mean, and the ratio of the mean normalised times (what dividing the published "Geomean"
 * rows gives); then over the three baselines, arithmetic and geometric means of those.
 */
import type { StudyPeKind } from '../../hw/energy/index.ts';
import { geometricMean, type NormalisedRow } from './summary.ts';

export const claimBaselines = ['ant', 'bitfusion', 'int8'] as const satisfies readonly StudyPeKind[];
export const claimVariants = ['mixpe-w4a8', 'mixpe-w4a16'] as const satisfies readonly StudyPeKind[];

export interface Averages {
  readonly arithmeticMean: number;
  readonly geometricMean: number;
  /** mean(baseline) / mean(MixPE) over the models. */
  readonly ratioOfMeans: number;
}

export interface ClaimRow {
  readonly variant: (typeof claimVariants)[number];
  /** A baseline kind, or `all` for the mean over the three baselines. */
  readonly baseline: (typeof claimBaselines)[number] | 'all';
  /** Per model (baseline over MixPE), for the per-baseline rows. */
  readonly speedups: readonly number[];
  readonly energyReductions: readonly number[];
  readonly speedup: Averages & { readonly overBaselinesGeometric?: number };
  readonly energyReduction: Averages & { readonly overBaselinesGeometric?: number };
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

function averages(base: readonly number[], mix: readonly number[]): Averages {
  const ratios = base.map((b, i) => b / mix[i]!);
  return { arithmeticMean: mean(ratios), geometricMean: geometricMean(ratios), ratioOfMeans: mean(base) / mean(mix) };
}

/** The claim table from the normalised rows of the models (one row per model). */
export function claimTable(models: readonly NormalisedRow[]): ClaimRow[] {
  const out: ClaimRow[] = [];
  for (const variant of claimVariants) {
    const perBaseline: ClaimRow[] = [];
    for (const baseline of claimBaselines) {
      const series = (pe: StudyPeKind, f: 'time' | 'energy') => models.map((r) => r[pe]![f]);
      const t = series(baseline, 'time'), tm = series(variant, 'time');
      const e = series(baseline, 'energy'), em = series(variant, 'energy');
      perBaseline.push({
        variant, baseline,
        speedups: t.map((b, i) => b / tm[i]!), energyReductions: e.map((b, i) => b / em[i]!),
        speedup: averages(t, tm), energyReduction: averages(e, em),
      });
    }
    const over = (f: 'speedup' | 'energyReduction', a: keyof Averages) => perBaseline.map((r) => r[f][a]);
    const across = (f: 'speedup' | 'energyReduction') => ({
      arithmeticMean: mean(over(f, 'arithmeticMean')), geometricMean: mean(over(f, 'geometricMean')), ratioOfMeans: mean(over(f, 'ratioOfMeans')),
      overBaselinesGeometric: geometricMean(over(f, 'geometricMean')),
    });
    out.push(...perBaseline, { variant, baseline: 'all', speedups: [], energyReductions: [], speedup: across('speedup'), energyReduction: across('energyReduction') });
  }
  return out;
}

/** The (variant, baseline, averaging) whose figure is nearest a target, for each of the two claims. */
export function nearestToClaim(rows: readonly ClaimRow[], target: { speedup: number; energyReduction: number }) {
  const nearest = (f: 'speedup' | 'energyReduction') => {
    let best = { row: rows[0]!, averaging: 'arithmeticMean' as keyof Averages, value: NaN, distance: Infinity };
    for (const row of rows) {
      for (const averaging of ['arithmeticMean', 'geometricMean', 'ratioOfMeans'] as const) {
        const value = row[f][averaging];
        const distance = Math.abs(Math.log(value / target[f]));
        if (distance < best.distance) best = { row, averaging, value, distance };
      }
    }
    return { variant: best.row.variant, baseline: best.row.baseline, averaging: best.averaging, value: best.value };
  };
  return { speedup: nearest('speedup'), energyReduction: nearest('energyReduction') };
}
