import { groupSizeFor, type AcceleratorSpec } from '../../hw/accelerators/index.ts';
import { type EnergyConstants, type EnergyParts, type StudyPeKind } from '../../hw/energy/index.ts';
import { macsPerCycle, peKind } from '../../hw/index.ts';
import { gemmEnergy } from '../energy.ts';
import { simulateGemm } from '../simulate-gemm.ts';
import type { SimConfig } from '../types.ts';
import { workload, type PhaseId, type WorkloadGemm, type WorkloadOptions } from '../workloads/index.ts';

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
  /** The workload id for its encoder or prefill phase (`vit-b`, `opt-6.7b`), `<id>/decode` for a decode step. */
  readonly key: string;
  readonly workload: string;
  readonly phase: PhaseId;
  /** Encoder and prefill phases form the headline geometric mean (the published one's setting). */
  readonly headline: boolean;
  readonly byPe: Readonly<Partial<Record<StudyPeKind, PhaseCost>>>;
}

/** The SimConfig an accelerator runs one GEMM with: its group for this K, its weight scheme. */
export function gemmConfig(acc: AcceleratorSpec, k: number): SimConfig {
  const pe = peKind(acc.pe);
  return { pe, array: acc.array, group: groupSizeFor(acc.group, k), scheme: acc.weightScheme };
}

/**
 * K as the accelerator runs it: a PE taking kp > 1 k-values per cycle (BitFusion) needs K padded
 * with zero rows to a multiple of kp when per-channel groups span an odd K (attention over 197
 * image tokens, a KV cache of 513).
 */
export function paddedK(acc: AcceleratorSpec, k: number): number {
  const kp = peKind(acc.pe).kPerCycle;
  return Math.ceil(k / kp) * kp;
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
export function costGemms(acc: AcceleratorSpec, gemms: readonly WorkloadGemm[], energy: EnergyConstants): PhaseCost {
  let seconds = 0, cycles = 0, stallCycles = 0, macs = 0, dramBytes = 0, busyPeCycles = 0;
  let parts = zeroEnergy;
  const kp = macsPerCycle(peKind(acc.pe));
  for (const g of gemms) {
    const k = paddedK(acc, g.k);
    const config = gemmConfig(acc, k);
    const r = simulateGemm(config, { m: g.m, k, n: g.n }, { mode: 'fast' });
    seconds += r.seconds * g.count;
    cycles += r.cycles * g.count;
    stallCycles += r.stallCycles * g.count;
    macs += g.m * g.k * g.n * g.count;
    dramBytes += (r.traffic.dramReadBytes + r.traffic.dramWriteBytes) * g.count;
    busyPeCycles += acc.array.rows * acc.array.cols * kp * r.cycles * g.count;
    parts = addEnergy(parts, gemmEnergy(config, r, energy), g.count);
  }
  return { seconds, cycles, stallCycles, macs, utilization: macs / busyPeCycles, dramBytes, energy: parts };
}

export interface StudyOptions extends WorkloadOptions {
  readonly workloads: readonly string[];
  readonly accelerators: readonly AcceleratorSpec[];
  readonly energy: EnergyConstants;
  /** Called after each workload phase, e.g. to draw a progress bar. */
  readonly onPhase?: (done: number, total: number) => void;
}

/** Runs every workload phase on every accelerator in fast mode. */
export function runStudy(options: StudyOptions): StudyEntry[] {
  const phases = options.workloads.flatMap((id) => {
    const w = workload(id, options);
    return w.phases.map((p) => ({ w, p }));
  });
  return phases.map(({ w, p }, i) => {
    const byPe: Partial<Record<StudyPeKind, PhaseCost>> = {};
    for (const acc of options.accelerators) byPe[acc.pe] = costGemms(acc, p.gemms, options.energy);
    options.onPhase?.(i + 1, phases.length);
    return { key: p.id === 'decode' ? `${w.id}/decode` : w.id, workload: w.id, phase: p.id, headline: p.id !== 'decode', byPe };
  });
}
