/**
 * Closed-form figures of one output-stationary tile pass (fast mode), from docs/sim-cycle-model.md.
 * Cycle mode measures the same figures by stepping the array; tests hold the two equal.
 */
import { activationBits, macsPerCycle } from '../hw/index.ts';
import type { SimConfig, TilePass } from './types.ts';

/** Cycles of the per-group dequantization pipeline (convert/scale, multiply, accumulate). */
export const DEQUANT_LATENCY = 3;

/** Cycles of one pass: fill + stream + PE latency + dequant + readout (docs: "Cycles of one pass"). */
export function passCycles(config: SimConfig, k: number): number {
  const { rows, cols } = config.array;
  const kc = Math.ceil(k / macsPerCycle(config.pe));
  return kc + rows + cols - 1 + config.pe.latency + DEQUANT_LATENCY;
}

/** Group partials each output receives (1 when the weights are dequantized before the MAC). */
export function dequantGroups(config: SimConfig, k: number): number {
  return config.pe.groupDequant ? k / config.group : 1;
}

/** Bits of the per-group weight metadata: an FP16 scale, plus a zero point for asymmetric weights. */
export function weightGroupBits(config: SimConfig): number {
  return 16 + (config.scheme === 'asymmetric' ? config.pe.weightBits : 0);
}

/** Buffer-side bits one pass moves (activations read, weights read, outputs written). */
export function passBufferBits(config: SimConfig, k: number, tile: TilePass): { activation: number; weight: number; output: number } {
  const xBits = activationBits(config.pe);
  const activation = tile.rows * k * xBits + (config.pe.activation === 'int8' ? tile.rows * 16 : 0);
  const weight = tile.cols * k * config.pe.weightBits + (k / config.group) * tile.cols * weightGroupBits(config);
  const output = tile.rows * tile.cols * 32;
  return { activation, weight, output };
}
