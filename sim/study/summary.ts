import type { StudyPeKind } from '../../hw/energy/index.ts';
import type { StudyEntry } from './run-study.ts';

/** Time and energy of one accelerator relative to the reference accelerator. */
export interface Normalised {
  readonly time: number;
  readonly energy: number;
  /** Energy parts as fractions of the reference's total energy (they sum to `energy`). */
  readonly parts: { readonly core: number; readonly buffer: number; readonly dram: number; readonly static: number };
}

export type NormalisedRow = Readonly<Partial<Record<StudyPeKind, Normalised>>>;

export function normalise(entry: StudyEntry, reference: StudyPeKind): NormalisedRow {
  const ref = entry.byPe[reference];
  if (!ref) throw new Error(`the study has no ${reference} result to normalise to`);
  const row: Partial<Record<StudyPeKind, Normalised>> = {};
  for (const [pe, c] of Object.entries(entry.byPe) as [StudyPeKind, NonNullable<StudyEntry['byPe'][StudyPeKind]>][]) {
    const e = ref.energy.total;
    row[pe] = {
      time: c.seconds / ref.seconds,
      energy: c.energy.total / e,
      parts: { core: c.energy.core / e, buffer: c.energy.buffer / e, dram: c.energy.dram / e, static: c.energy.static / e },
    };
  }
  return row;
}

export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

/**
 * Geometric mean of normalised rows per PE kind. Parts are scaled so they still sum to the
 * geometric-mean energy (each kind's mean share of its own energy, applied to that total).
 */
export function geomeanRow(rows: readonly NormalisedRow[]): NormalisedRow {
  const out: Partial<Record<StudyPeKind, Normalised>> = {};
  const kinds = new Set(rows.flatMap((r) => Object.keys(r) as StudyPeKind[]));
  for (const pe of kinds) {
    const items = rows.map((r) => r[pe]).filter((x): x is Normalised => x !== undefined);
    const energy = geometricMean(items.map((i) => i.energy));
    const share = (part: keyof Normalised['parts']) => items.reduce((s, i) => s + i.parts[part] / i.energy, 0) / items.length;
    out[pe] = {
      time: geometricMean(items.map((i) => i.time)),
      energy,
      parts: { core: share('core') * energy, buffer: share('buffer') * energy, dram: share('dram') * energy, static: share('static') * energy },
    };
  }
  return out;
}

/** Arithmetic mean of normalised rows per PE kind (what the official table labels "Geomean"); parts likewise. */
export function arithmeticMeanRow(rows: readonly NormalisedRow[]): NormalisedRow {
  const out: Partial<Record<StudyPeKind, Normalised>> = {};
  const kinds = new Set(rows.flatMap((r) => Object.keys(r) as StudyPeKind[]));
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  for (const pe of kinds) {
    const items = rows.map((r) => r[pe]).filter((x): x is Normalised => x !== undefined);
    const part = (p: keyof Normalised['parts']) => mean(items.map((i) => i.parts[p]));
    out[pe] = { time: mean(items.map((i) => i.time)), energy: mean(items.map((i) => i.energy)), parts: { core: part('core'), buffer: part('buffer'), dram: part('dram'), static: part('static') } };
  }
  return out;
}
