import { horowitz45nm } from './horowitz-45nm.ts';
import { dequantEnergyPj45, feederEnergyPj45, macEnergyPj45, peAreaUm2At45, peOperators, studyPeKinds, type StudyPeKind } from './pe-operators.ts';
import { scaling45to28 } from './technology-scaling.ts';

/** A point of SRAM access energy per byte against the array size. */
export interface SramPoint { readonly bytes: number; readonly pjPerByte: number }

/**
 * The four-part energy model's constants at one technology node. Every figure is derived from a
 * published one by a stated rule; `sources` names both.
 */
export interface EnergyConstants {
  readonly node: string;
  /** Core: pJ per multiply-accumulate, per PE kind and precision mode (`energyKey`: `ant/w4a4`). */
  readonly macPj: Readonly<Record<string, number>>;
  /** Core: pJ per weight fed into the array by the column feeder (dequantize, decode, zero point), per kind and mode. */
  readonly feederPj: Readonly<Record<string, number>>;
  /** Core: pJ per dequantization of a group partial sum, per PE kind. */
  readonly dequantPj: Readonly<Record<StudyPeKind, number>>;
  /** Datapath area of one PE (um^2), for leakage and iso-area sizing. */
  readonly peAreaUm2: Readonly<Record<StudyPeKind, number>>;
  /** Buffers: access energy per byte by SRAM size; interpolated log-log between points. */
  readonly sram: readonly SramPoint[];
  /** DRAM: pJ per byte transferred (off-chip; not scaled with the logic node). */
  readonly dramPjPerByte: number;
  /** Static: leakage power density of logic and SRAM (mW per mm^2). */
  readonly leakageMwPerMm2: number;
  /** SRAM macro area per byte (um^2), for SRAM leakage. */
  readonly sramUm2PerByte: number;
  readonly sources: Readonly<Record<string, string>>;
}

const s = scaling45to28;

function perKind(f: (kind: StudyPeKind) => number): Record<StudyPeKind, number> {
  return Object.fromEntries(studyPeKinds.map((k) => [k, f(k)])) as Record<StudyPeKind, number>;
}

function perMode(f: (key: string) => number): Record<string, number> {
  return Object.fromEntries(Object.keys(peOperators).map((k) => [k, f(k)]));
}

/**
 * Leakage density measured from the Nangate45 (FreePDK45) typical library in the shared data:
 * total cell_leakage_power / total area over its 126 cells = 10,605 nW / 399 um^2 = 26.6 nW/um^2
 * (test/hw/energy recomputes it from the .lib). Held constant per area at 28 nm.
 */
export const nangate45LeakageMwPerMm2 = 26.58;

/** TSMC 28 nm high-density 6T bitcell, 0.127 um^2/bit, doubled for periphery (an assumption). */
const sramUm2PerBit28 = 0.127 * 2;

/** The default table: Horowitz's 45 nm figures scaled to the 28 nm node of the MixPE evaluation. */
export const energyConstants28nm: EnergyConstants = {
  node: '28nm',
  macPj: perMode((k) => macEnergyPj45(k) * s.energy),
  feederPj: perMode((k) => feederEnergyPj45(k) * s.energy),
  dequantPj: perKind((k) => dequantEnergyPj45(k) * s.energy),
  peAreaUm2: perKind((k) => peAreaUm2At45(k) * s.area),
  sram: horowitz45nm.sramRead64bitPj.map((p) => ({ bytes: p.bytes, pjPerByte: (p.pj / 8) * s.energy })),
  // HBM2, 3.97 pJ/bit: the 1024-bit interface of the evaluation is an HBM-class stack.
  dramPjPerByte: 3.97 * 8,
  leakageMwPerMm2: nangate45LeakageMwPerMm2,
  sramUm2PerByte: sramUm2PerBit28 * 8,
  sources: {
    macPj: `operator decomposition per PE kind (hw/energy/pe-operators.ts) with ${horowitz45nm.source}; ${s.rule}`,
    feederPj: `feeder operators per PE kind (hw/energy/pe-operators.ts), ${horowitz45nm.source}; ${s.rule}`,
    dequantPj: `(FP16 multiply for integer kinds) + FP32 multiply + FP32 add, ${horowitz45nm.source}; ${s.rule}`,
    peAreaUm2: `same decomposition with Horowitz's 45 nm operator areas; ${s.rule}`,
    sram: `64-bit SRAM read energies for 8 KB / 32 KB / 1 MB, ${horowitz45nm.source}; writes taken equal to reads; ${s.rule}`,
    dramPjPerByte: 'HBM2 access energy 3.97 pJ/bit, O\'Connor et al., "Fine-Grained DRAM", MICRO 2017, Table 1',
    leakageMwPerMm2: 'area-weighted mean cell leakage of the Nangate45 typical library (shared data liberty/nangate45), held per area at 28 nm',
    sramUm2PerByte: 'TSMC 28 nm high-density 6T bitcell 0.127 um^2, x2 for periphery (assumption)',
  },
};

/** SRAM access energy per byte for a buffer of `bytes`, interpolated log-log between the table's points
 * (and extrapolated along the nearest segment). */
export function sramPjPerByte(table: EnergyConstants, bytes: number): number {
  const pts = table.sram;
  let i = 0;
  while (i < pts.length - 2 && bytes > pts[i + 1].bytes) i++;
  const [p, q] = [pts[i], pts[i + 1]];
  const slope = Math.log(q.pjPerByte / p.pjPerByte) / Math.log(q.bytes / p.bytes);
  return p.pjPerByte * (bytes / p.bytes) ** slope;
}
