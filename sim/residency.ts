/**
 * The residency rule (docs/sim-cycle-model.md, "Memory"): the weights of an N tile stay on chip
 * across its M tiles when they fit in half the weight buffer (the other half is being refilled);
 * the whole activation matrix stays when it fits in half the activation buffer.
 */
import { activationTileBytes, weightTileBytes } from './operand-bits.ts';
import type { GemmShape, SimConfig } from './types.ts';

export function residency(config: SimConfig, shape: GemmShape, tileColumns: number): { weights: boolean; activations: boolean } {
  return {
    weights: weightTileBytes(config, shape.k, tileColumns) <= config.array.weightBuffer.bytes / 2,
    activations: activationTileBytes(config, shape.k, shape.m) <= config.array.activationBuffer.bytes / 2,
  };
}
