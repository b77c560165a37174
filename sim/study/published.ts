import type { StudyPeKind } from '../../hw/energy/index.ts';
import type { OfficialModelId } from './official/workloads.ts';

type PerKind = Readonly<Record<StudyPeKind, number>>;

/**
 * The published reference: the official MixPE simulator's results (Zhang et al., "MixPE",
 * arXiv:2411.16158; github.com/yuzhang712/mixpe_simulator results/mixpe_res.csv, last table),
 * execution time normalised to FP16 per model, its "Geomean" row (an arithmetic mean over the four
 * models), the mean energy over the models, and the paper's headline claims.
 */
export const publishedMixpe = {
  source: 'official MixPE simulator results (Zhang et al., "MixPE", arXiv:2411.16158; github.com/yuzhang712/mixpe_simulator results/mixpe_res.csv)',
  /** Time vs FP16 per model (two decimals, as published). */
  timeByModel: {
    'vit-b': { 'mixpe-w4a8': 0.15, ant: 0.61, bitfusion: 0.70, int8: 0.82, 'mixpe-w4a16': 0.53, fp16: 1.0 },
    'vit-h': { 'mixpe-w4a8': 0.12, ant: 0.47, bitfusion: 0.67, int8: 0.82, 'mixpe-w4a16': 0.32, fp16: 1.0 },
    'opt-6.7b': { 'mixpe-w4a8': 0.10, ant: 0.40, bitfusion: 0.68, int8: 0.86, 'mixpe-w4a16': 0.19, fp16: 1.0 },
    'llama2-13b': { 'mixpe-w4a8': 0.10, ant: 0.40, bitfusion: 0.68, int8: 0.86, 'mixpe-w4a16': 0.19, fp16: 1.0 },
  } as Readonly<Record<OfficialModelId, PerKind>>,
  /** The published "Geomean" row: an arithmetic mean of the four per-model times. */
  time: { 'mixpe-w4a8': 0.12, 'mixpe-w4a16': 0.31, ant: 0.47, bitfusion: 0.68, int8: 0.84, fp16: 1.0 } as PerKind,
  /** Energy vs FP16, arithmetic mean over the four models of each model's total (the table's parts summed). */
  energy: { 'mixpe-w4a8': 0.18, 'mixpe-w4a16': 0.33, ant: 0.30, bitfusion: 0.44, int8: 0.505, fp16: 1.0 } as PerKind,
  /** Speedup of MixPE over state-of-the-art quantization accelerators, and the energy reduction. */
  claims: { speedup: 2.6, energyReduction: 1.4, baselines: ['ant', 'bitfusion', 'int8'] as readonly StudyPeKind[] },
} as const;
