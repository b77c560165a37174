/** What each operand costs in bits as the buffers deliver it, shared by both dataflows. */
import { activationBits } from '../hw/index.ts';
import type { SimConfig } from './types.ts';

/** Bits of the per-group weight metadata: an FP16 scale, plus a zero point for asymmetric weights. */
export function weightGroupBits(config: SimConfig): number {
  return 16 + (config.scheme === 'asymmetric' ? config.pe.weightBits : 0);
}

/** Bits of one activation operand, and of its per-token scale (INT activations only). */
export function activationOperandBits(config: SimConfig): { code: number; scale: number } {
  return { code: activationBits(config.pe), scale: config.pe.activation === 'fp16' ? 0 : 16 };
}

/** Bytes of the weights of `cols` columns over all K (codes + per-group scale and zero point). */
export function weightTileBytes(config: SimConfig, k: number, cols: number): number {
  return (cols * k * config.pe.weightBits + (k / config.group) * cols * weightGroupBits(config)) / 8;
}

/** Bytes of `rows` activation rows over all K (codes + per-token scale for integer activations). */
export function activationTileBytes(config: SimConfig, k: number, rows: number): number {
  const bits = activationOperandBits(config);
  return (rows * k * bits.code + rows * bits.scale) / 8;
}
