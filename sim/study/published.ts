import type { StudyPeKind } from '../../hw/energy/index.ts';

/**
 * The published reference: the official MixPE simulator's committed results, execution time
 * normalised to FP16, geometric mean over ViT, ViT-Huge, OPT-6.7B and Llama-2-13B (as quoted in
 * the study issue), and the paper's headline claims.
 */
export const publishedMixpe = {
  source: 'official MixPE simulator results (Zhang et al., "MixPE", arXiv:2411.16158), geomean over ViT-B, ViT-H, OPT-6.7B, Llama-2-13B, as quoted in issue 3',
  time: { 'mixpe-w4a8': 0.12, 'mixpe-w4a16': 0.31, ant: 0.47, bitfusion: 0.68, int8: 0.84, fp16: 1.0 } as Readonly<Record<StudyPeKind, number>>,
  /** Speedup of MixPE over state-of-the-art quantization accelerators, and the energy reduction. */
  claims: { speedup: 2.6, energyReduction: 1.4, baselines: ['ant', 'bitfusion', 'int8'] as readonly StudyPeKind[] },
} as const;
