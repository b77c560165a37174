/**
 * The study in Tessera's own model: every workload's GEMMs, each in the precision mode the
 * accelerator runs it (precision-plan.ts), through the simulator's fast mode on the accelerator's
 * array, costed by the four-part energy model.
 */
import { groupSizeFor, type AcceleratorSpec } from '../../hw/accelerators/index.ts';
import { type EnergyConstants, type EnergyParts, type StudyPeKind } from '../../hw/energy/index.ts';
import { macsPerCycle, peKind, type PrecisionMode } from '../../hw/index.ts';
import { gemmEnergy } from '../energy.ts';
import { simulateGemm } from '../simulate-gemm.ts';
import type { SimConfig } from '../types.ts';
import { workload, type PhaseId, type WorkloadOptions } from '../workloads/index.ts';
import { officialModelIds } from './official/workloads.ts';
import { officialWorkloadGemms, phaseGemms, type ModedGemm } from './tessera-workloads.ts';

/** Time and energy of one accelerator on one workload phase. */
export interface PhaseCost {
  readonly seconds: number;
  readonly cycles: number;
  readonly stallCycles: number;
  readonly macs: number;
  readonly utilization: number;
  readonly dramBytes: number;
  readonly energy: EnergyParts;
}

/** One row of the study: a workload phase, costed on every accelerator. */
export interface StudyEntry {
  /** `vit-b` for the official workload of a model, `<id>/<phase>` for a library phase. */
  readonly key: string;
  readonly workload: string;
  readonly phase: PhaseId | 'official';
  /** The official workloads form the headline means (the published comparison's setting). */
  readonly headline: boolean;
  readonly byPe: Readonly<Partial<Record<StudyPeKind, PhaseCost>>>;
}

/**
 * K as the array runs a GEMM: a multiple of the mode's fused k-values, and of 32 when no power-of-two
 * group divides it (attention over 197, 257 or 513 keys, ViT-H's 588 patch features): zero rows pad
 * it, as a KV cache paged in blocks would, and the weights go in groups of 32.
 */
export function paddedK(k: number, pe: StudyPeKind, mode: PrecisionMode): number {
  const step = groupSizeFor(128, k) === k && k > 128 ? 32 : peKind(pe, '--pe', mode).kPerCycle;
  return Math.ceil(k / step) * step;
}

/** The SimConfig an accelerator runs one GEMM with: the kind in the GEMM's mode, its group for this K, its scheme. */
export function gemmConfig(acc: AcceleratorSpec, k: number, mode?: PrecisionMode): SimConfig {
  const pe = peKind(acc.pe, '--pe', mode);
  return { pe, array: acc.array, group: groupSizeFor(acc.group, k), scheme: acc.weightScheme };
}

const zeroEnergy: EnergyParts = { core: 0, buffer: 0, dram: 0, static: 0, total: 0 };

function addEnergy(a: EnergyParts, b: EnergyParts, times: number): EnergyParts {
  return {
    core: a.core + b.core * times, buffer: a.buffer + b.buffer * times, dram: a.dram + b.dram * times,
    static: a.static + b.static * times, total: a.total + b.total * times,
  };
}

/**
 * Time and energy of a list of GEMMs on one accelerator. GEMMs run one after another; a GEMM
 * repeated `count` times (layers, heads, sequences) costs `count` times one run.
 */
export function costGemms(acc: AcceleratorSpec, gemms: readonly ModedGemm[], energy: EnergyConstants): PhaseCost {
  let seconds = 0, cycles = 0, stallCycles = 0, macs = 0, dramBytes = 0, peakMacs = 0;
  let parts = zeroEnergy;
  for (const g of gemms) {
    const k = paddedK(g.k, acc.pe, g.mode);
    const config = gemmConfig(acc, k, g.mode);
    const r = simulateGemm(config, { m: g.m, k, n: g.n }, { mode: 'fast' });
    seconds += r.seconds * g.count;
    cycles += r.cycles * g.count;
    stallCycles += r.stallCycles * g.count;
    macs += g.m * g.k * g.n * g.count;
    dramBytes += (r.traffic.dramReadBytes + r.traffic.dramWriteBytes) * g.count;
    peakMacs += acc.array.rows * acc.array.cols * macsPerCycle(config.pe) * r.cycles * g.count;
    parts = addEnergy(parts, gemmEnergy(config, r, energy), g.count);
  }
  return { seconds, cycles, stallCycles, macs, utilization: macs / peakMacs, dramBytes, energy: parts };
}

export interface StudyOptions extends WorkloadOptions {
  /** Library workloads whose phases are costed besides the official workloads. */
  readonly workloads: readonly string[];
  readonly accelerators: readonly AcceleratorSpec[];
  readonly energy: EnergyConstants;
  /** Called after each workload phase, e.g. to draw a progress bar. */
  readonly onPhase?: (done: number, total: number) => void;
}

/** Runs the official workloads and every library phase on every accelerator in fast mode. */
export function runStudy(options: StudyOptions): StudyEntry[] {
  const phases: { key: string; workload: string; phase: StudyEntry['phase']; gemms: (pe: StudyPeKind) => ModedGemm[] }[] = [
    ...officialModelIds.map((id) => ({ key: id, workload: id, phase: 'official' as const, gemms: (pe: StudyPeKind) => officialWorkloadGemms(pe, id) })),
    ...options.workloads.flatMap((id) => {
      const w = workload(id, options);
      return w.phases.map((p) => ({ key: `${id}/${p.id}`, workload: id, phase: p.id, gemms: (pe: StudyPeKind) => phaseGemms(pe, id, w.layers, p) }));
    }),
  ];
  return phases.map((p, i) => {
    const byPe: Partial<Record<StudyPeKind, PhaseCost>> = {};
    for (const acc of options.accelerators) byPe[acc.pe] = costGemms(acc, p.gemms(acc.pe), options.energy);
    options.onPhase?.(i + 1, phases.length);
    return { key: p.key, workload: p.workload, phase: p.phase, headline: p.phase === 'official', byPe };
  });
}
