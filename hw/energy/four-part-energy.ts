import type { EnergyConstants } from './energy-constants.ts';
import { sramPjPerByte } from './energy-constants.ts';
import type { PeKind } from '../pe/index.ts';
import { energyKey, type StudyPeKind } from './pe-operators.ts';

/** What a run did, as the energy model needs it (all counts are totals over the run). */
export interface ActivityCounts {
  /** The PE kind in the precision mode it ran. */
  readonly pe: Pick<PeKind, 'id' | 'mode'>;
  /** Useful multiply-accumulates. */
  readonly macs: number;
  /** Weights fed into the array by the column feeders (once per weight per pass). */
  readonly weightsFed: number;
  /** Group partial sums dequantized. */
  readonly dequants: number;
  /** Bytes read or written per on-chip buffer, with that buffer's capacity. */
  readonly buffers: readonly { readonly capacityBytes: number; readonly bytes: number }[];
  readonly dramBytes: number;
  readonly seconds: number;
  /** PEs in the array (for leakage). */
  readonly pes: number;
}

/** Energy in joules, by part. */
export interface EnergyParts {
  readonly core: number;
  readonly buffer: number;
  readonly dram: number;
  readonly static: number;
  readonly total: number;
}

const pj = 1e-12;

/**
 * The four-part model: core (per MAC, per weight fed, per dequantization), buffers (per byte by
 * buffer size), DRAM (per byte), static (leakage of the PE datapaths and the SRAM x time).
 */
export function fourPartEnergy(c: EnergyConstants, a: ActivityCounts): EnergyParts {
  const key = energyKey(a.pe);
  const kind = a.pe.id as StudyPeKind;
  const core = (a.macs * c.macPj[key]! + a.weightsFed * c.feederPj[key]! + a.dequants * c.dequantPj[kind]) * pj;
  const buffer = a.buffers.reduce((s, b) => s + b.bytes * sramPjPerByte(c, b.capacityBytes), 0) * pj;
  const dram = a.dramBytes * c.dramPjPerByte * pj;
  const sramBytes = a.buffers.reduce((s, b) => s + b.capacityBytes, 0);
  const areaMm2 = (a.pes * c.peAreaUm2[kind] + sramBytes * c.sramUm2PerByte) * 1e-6;
  const stat = c.leakageMwPerMm2 * 1e-3 * areaMm2 * a.seconds;
  return { core, buffer, dram, static: stat, total: core + buffer + dram + stat };
}
