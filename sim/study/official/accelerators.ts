/**
 * The six accelerators of the official MixPE simulator (github.com/yuzhang712/mixpe_simulator, a
 * DNNWeaver2/BitFusion derivative), as its configuration files and synthesis table give them. Array
 * sides follow its `a` (N, the rows: batch direction) and `c` (M, the columns: output channels).
 * A PE of precision range (pmax, pmin) does pf(a) * pf(w) MACs per cycle, pf(p) = floor(pmax / max(p, pmin)).
 */
import type { StudyPeKind } from '../../../hw/energy/index.ts';

export interface OfficialAccelerator {
  readonly pe: StudyPeKind;
  readonly label: string;
  /** Rows (N, batch direction) and columns (M, output channels). */
  readonly rows: number;
  readonly cols: number;
  /** Highest and lowest precision a PE fuses (BitFusion-style). */
  readonly pmax: number;
  readonly pmin: number;
  readonly source: string;
}

/** Per-PE power of the synthesized systolic-array cell (results/systolic_array_synth.csv, 28 nm, 500 MHz). */
export interface OfficialPePower {
  readonly leakageNw: number;
  readonly dynamicNw: number;
}

const repo = 'official MixPE simulator (github.com/yuzhang712/mixpe_simulator)';

export const officialAccelerators: readonly OfficialAccelerator[] = [
  { pe: 'mixpe-w4a8', label: 'MixPE-W4A8', rows: 64, cols: 64, pmax: 8, pmin: 4, source: `${repo} conf_mixint.ini` },
  { pe: 'mixpe-w4a16', label: 'MixPE-W4A16', rows: 32, cols: 32, pmax: 16, pmin: 8, source: `${repo} conf_mixfloat.ini` },
  { pe: 'ant', label: 'ANT', rows: 32, cols: 32, pmax: 8, pmin: 4, source: `${repo} (conf_ant.ini not published; 32x32 8/4 as the study setup states)` },
  { pe: 'bitfusion', label: 'BitFusion', rows: 32, cols: 40, pmax: 8, pmin: 4, source: `${repo} conf_bitfusion.ini` },
  { pe: 'int8', label: 'INT8', rows: 32, cols: 32, pmax: 8, pmin: 4, source: `${repo} (conf_int.ini not published; 32x32 with the 8/4 PE of the synthesis table)` },
  { pe: 'fp16', label: 'FP16', rows: 32, cols: 28, pmax: 16, pmin: 16, source: `${repo} conf_float.ini` },
];

/** The official memory system: buffers in bytes, DRAM interface bits per cycle, clock. */
export const officialMemory = {
  weightBufferBytes: 131072,
  activationBufferBytes: 262144,
  outputBufferBytes: 131072,
  interfaceBits: 1024,
  clockHz: 500e6,
  /** Output precision the tiling model moves (oprec). */
  outputBits: 16,
  source: `${repo} conf_*.ini ([system] if_width, [accelerator] *_SRAM, frequency) and its get_stats_fast (oprec = 16)`,
} as const;

/** PE power by (pmax, pmin), from the official synthesis table. */
export function officialPePower(pmax: number, pmin: number): OfficialPePower {
  const table: Record<string, OfficialPePower> = {
    '8,4': { leakageNw: 64314, dynamicNw: 279960 },
    '16,16': { leakageNw: 192942, dynamicNw: 839982 },
    '16,8': { leakageNw: 128458, dynamicNw: 544982 },
  };
  const p = table[`${pmax},${pmin}`];
  if (!p) throw new Error(`the official synthesis table has no PE with precisions ${pmax}/${pmin}`);
  return p;
}

/** pf(p): how many p-bit operands one PE fuses along its dimension. */
export function fusionFactor(acc: OfficialAccelerator, precision: number): number {
  return Math.floor(acc.pmax / Math.max(precision, acc.pmin));
}
