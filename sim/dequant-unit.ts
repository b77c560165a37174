/** The per-group dequantization unit at the south edge of every column (docs/sim-cycle-model.md). */
import type { SimConfig } from './types.ts';

/** Cycles of the per-group dequantization pipeline (convert/scale, multiply, accumulate). */
export const DEQUANT_LATENCY = 3;

/** Group partials each output receives (1 when the weights are dequantized before the MAC). */
export function dequantGroups(config: SimConfig, k: number): number {
  return config.pe.groupDequant ? k / config.group : 1;
}

/** Rows of K a group partial sums over (K itself when the weights are dequantized before the MAC). */
export function groupLength(config: SimConfig, k: number): number {
  return config.pe.groupDequant ? config.group : k;
}
