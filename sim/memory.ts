/**
 * The cycle mode's memory model: what is on chip. Each operand buffer holds blocks of operand data
 * (an N tile's weights, an M tile's or the whole matrix's activations) by key; a pass that needs a
 * block not held has the DRAM interface bring it in, and its bytes are summed element by element
 * from the operands it carries. Fast mode computes the same bytes from the residency rule in closed
 * form (sim/residency.ts); the two are held equal by the tests.
 */
import { activationOperandBits, weightGroupBits } from './operand-bits.ts';
import type { GemmShape, SimConfig } from './types.ts';

/** One operand buffer: the half not being refilled keeps blocks across passes when `retain` is set. */
export class OperandStore {
  private readonly held = new Set<string>();
  constructor(private readonly retain: boolean) {}

  /** DRAM bytes to bring block `key` on chip: its bits (computed only on a miss) unless already held. */
  load(key: string, bits: () => number): number {
    if (this.held.has(key)) return 0;
    if (this.retain) this.held.add(key);
    return bits() / 8;
  }
}

/** Bits of the weights of columns [n0, n1) over k-rows [k0, k1): every code plus each group's scale (and zero point). */
export function weightBlockBits(config: SimConfig, n0: number, n1: number, k0: number, k1: number): number {
  const meta = weightGroupBits(config);
  let bits = 0;
  for (let n = n0; n < n1; n++) {
    for (let k = k0; k < k1; k++) bits += config.pe.weightBits + (k % config.group === 0 ? meta : 0);
  }
  return bits;
}

/** Bits of activation rows [m0, m1) over k [k0, k1): every code, plus each row's scale with its first k. */
export function activationBlockBits(config: SimConfig, m0: number, m1: number, k0: number, k1: number): number {
  const b = activationOperandBits(config);
  let bits = 0;
  for (let m = m0; m < m1; m++) {
    bits += (k1 - k0) * b.code + (k0 === 0 ? b.scale : 0);
  }
  return bits;
}

/** Whether the controller keeps blocks: a full block of this size fits in half the buffer. */
export function retains(blockBits: number, bufferBytes: number): boolean {
  return blockBits / 8 <= bufferBytes / 2;
}

/** The whole activation matrix as one block when it fits in half the activation buffer. */
export function activationsFitWhole(config: SimConfig, shape: GemmShape): boolean {
  return retains(activationBlockBits(config, 0, shape.m, 0, shape.k), config.array.activationBuffer.bytes);
}
