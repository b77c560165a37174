/**
 * The reference mode: the official MixPE simulator's cost model on its own workloads, normalised
 * to FP16 per model like its run_mix.py, with both averages: the arithmetic mean it prints as
 * "Geomean" and the true geometric mean.
 */
import type { StudyPeKind } from '../../../hw/energy/index.ts';
import { officialAccelerators, type OfficialAccelerator } from './accelerators.ts';
import { officialEnergyParts, type OfficialEnergyParts, type OfficialStats } from './energy.ts';
import { bestTiling, type OfficialLayer } from './tiling-search.ts';
import { officialLayers, officialModelIds, type OfficialModelId } from './workloads.ts';

export interface OfficialCost {
  readonly cycles: number;
  readonly stallCycles: number;
  /** Energy by part in nJ. */
  readonly energy: OfficialEnergyParts;
}

export interface OfficialEntry {
  readonly time: number;
  readonly energy: number;
  /** Energy parts as fractions of FP16's total (they sum to `energy`). */
  readonly parts: { readonly static: number; readonly dram: number; readonly buffer: number; readonly core: number };
}

export interface OfficialResult {
  /** Per model, per PE kind, normalised to FP16. */
  readonly models: Readonly<Record<OfficialModelId, Readonly<Record<StudyPeKind, OfficialEntry>>>>;
  /** Arithmetic mean over the models (what the official table labels "Geomean"). */
  readonly arithmeticMean: Readonly<Record<StudyPeKind, { readonly time: number; readonly energy: number }>>;
  readonly geometricMean: Readonly<Record<StudyPeKind, { readonly time: number; readonly energy: number }>>;
  /** Absolute figures per model and kind. */
  readonly costs: Readonly<Record<OfficialModelId, Readonly<Record<StudyPeKind, OfficialCost>>>>;
}

const layerCache = new Map<string, OfficialStats>();

/** A layer's stats on an accelerator (cached: models repeat the same few shapes). */
export function officialLayerStats(acc: OfficialAccelerator, layer: OfficialLayer): OfficialStats {
  const key = `${acc.pe}:${acc.rows}x${acc.cols}:${JSON.stringify(layer)}`;
  let s = layerCache.get(key);
  if (!s) layerCache.set(key, (s = bestTiling(acc, layer).stats));
  return s;
}

/** Cycles and energy of one model on one accelerator: the sum over its layers. */
export function officialModelCost(acc: OfficialAccelerator, model: OfficialModelId): OfficialCost {
  let cycles = 0, stallCycles = 0;
  const energy = { static: 0, dram: 0, buffer: 0, core: 0, total: 0 };
  for (const { layer, count } of officialLayers(acc.pe, model)) {
    const s = officialLayerStats(acc, layer);
    const e = officialEnergyParts(acc, s);
    cycles += s.cycles * count;
    stallCycles += s.stallCycles * count;
    for (const part of ['static', 'dram', 'buffer', 'core', 'total'] as const) energy[part] += e[part] * count;
  }
  return { cycles, stallCycles, energy };
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const geomean = (v: readonly number[]) => Math.exp(mean(v.map(Math.log)));

/** Runs the reference mode over the four official models. */
export function runOfficialModel(accelerators: readonly OfficialAccelerator[] = officialAccelerators): OfficialResult {
  const fp16 = accelerators.find((a) => a.pe === 'fp16');
  if (!fp16) throw new Error('the reference mode normalises to the FP16 accelerator');
  const costs = {} as Record<OfficialModelId, Record<StudyPeKind, OfficialCost>>;
  const models = {} as Record<OfficialModelId, Record<StudyPeKind, OfficialEntry>>;
  for (const model of officialModelIds) {
    costs[model] = {} as Record<StudyPeKind, OfficialCost>;
    for (const acc of accelerators) costs[model][acc.pe] = officialModelCost(acc, model);
    const ref = costs[model].fp16;
    models[model] = {} as Record<StudyPeKind, OfficialEntry>;
    for (const acc of accelerators) {
      const c = costs[model][acc.pe];
      const e = ref.energy.total;
      models[model][acc.pe] = {
        time: c.cycles / ref.cycles,
        energy: c.energy.total / e,
        parts: { static: c.energy.static / e, dram: c.energy.dram / e, buffer: c.energy.buffer / e, core: c.energy.core / e },
      };
    }
  }
  const average = (f: (v: readonly number[]) => number) => Object.fromEntries(accelerators.map((a) => [a.pe, {
    time: f(officialModelIds.map((m) => models[m][a.pe].time)),
    energy: f(officialModelIds.map((m) => models[m][a.pe].energy)),
  }])) as Record<StudyPeKind, { time: number; energy: number }>;
  return { models, costs, arithmeticMean: average(mean), geometricMean: average(geomean) };
}
