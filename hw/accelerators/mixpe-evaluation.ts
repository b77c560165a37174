import { mixpeEvalConfig, type ArrayConfig } from '../array/index.ts';
import type { StudyPeKind } from '../energy/index.ts';

/** Weight grouping an accelerator quantizes with: rows of K per group, or one group per channel. */
export type StudyGroup = 32 | 64 | 128 | 'channel';

/** One accelerator of the study: a PE kind, its array and the memory system around it. */
export interface AcceleratorSpec {
  /** Same as the PE kind id (one accelerator per kind in the MixPE comparison). */
  readonly pe: StudyPeKind;
  readonly label: string;
  /** The array with its buffers, clock and DRAM interface (hw/array). */
  readonly array: ArrayConfig;
  readonly weightScheme: 'symmetric' | 'asymmetric';
  /** Preferred weight group; a GEMM whose K it does not divide falls back (see groupSizeFor). */
  readonly group: StudyGroup;
  readonly sources: Readonly<Record<string, string>>;
}

const mixpePaper = 'Zhang et al., "MixPE: Quantization and Hardware Co-design for Efficient LLM Inference", arXiv:2411.16158, evaluation setup (as quoted in the study issue)';

const sources = (group: string) => ({
  'array shape': mixpePaper,
  'clock, buffers, DRAM interface': 'hw/array mixpeEvalConfig (MixPE Sec. 5.1: 500 MHz, 128/256/128 KB, 1024-bit)',
  group,
});

/**
 * The six iso-area accelerators of the MixPE evaluation. Weight quantization: groups of 128 along
 * K for every kind, the common setting of group-wise LLM quantization (AWQ, GPTQ); asymmetric where
 * the PE supports a zero point, symmetric for ANT and BitFusion (hw/pe). Per-channel scales would
 * not fit: double-buffering a per-channel group of INT8 weights for K = 3072 needs 192 KB of the
 * 128 KB weight buffer (sim/validate.ts), so the baselines get the same fine groups as MixPE.
 */
export const mixpeEvaluation: readonly AcceleratorSpec[] = [
  { pe: 'mixpe-w4a8', label: 'MixPE-W4A8', array: mixpeEvalConfig(64, 64), weightScheme: 'asymmetric', group: 128, sources: sources('group 128, asymmetric: Tessera choice (AWQ/GPTQ default)') },
  { pe: 'mixpe-w4a16', label: 'MixPE-W4A16', array: mixpeEvalConfig(32, 32), weightScheme: 'asymmetric', group: 128, sources: sources('group 128, asymmetric: Tessera choice (AWQ/GPTQ default)') },
  { pe: 'int8', label: 'INT8', array: mixpeEvalConfig(32, 32), weightScheme: 'symmetric', group: 128, sources: sources('group 128 (see above), symmetric INT8') },
  { pe: 'ant', label: 'ANT', array: mixpeEvalConfig(32, 32), weightScheme: 'symmetric', group: 128, sources: sources('group 128, symmetric; one ANT type per tensor as in ANT (Guo et al., MICRO 2022)') },
  { pe: 'bitfusion', label: 'BitFusion', array: mixpeEvalConfig(32, 40), weightScheme: 'symmetric', group: 128, sources: sources('group 128, symmetric INT4 (BitFusion: Sharma et al., ISCA 2018)') },
  { pe: 'fp16', label: 'FP16', array: mixpeEvalConfig(32, 28), weightScheme: 'asymmetric', group: 128, sources: sources('the same INT4 group-128 asymmetric weights as MixPE, dequantized before the MAC') },
];

/** The accelerator every figure is normalised to. */
export const referencePe: StudyPeKind = 'fp16';

/** Rows of K per group for a GEMM: the preferred group if it divides K, else 64 or 32, else per-channel (K). */
export function groupSizeFor(group: StudyGroup, k: number): number {
  if (group === 'channel') return k;
  for (const g of [group, 64, 32]) if (g <= k && k % g === 0) return g;
  return k;
}
