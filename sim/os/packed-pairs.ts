/**
 * Pair packing for the integer row kernel: two fused k-values travel in one int32 word, so that one
 * Math.imul makes the sum of two products. With X = x0 + x1 * 2^16 and W = w1 + w0 * 2^16,
 *   X * W = x0 w1 + (x0 w0 + x1 w1) * 2^16 + x1 w0 * 2^32,
 * so modulo 2^32 (Math.imul, `| 0`) the middle coefficient is the pair's dot product. A PE adds
 * these words over a group exactly as it adds products; on the group's last operand the middle
 * coefficient of its accumulator is the group partial: the INT32 partial the unpacked kernel makes,
 * bit for bit, as long as both the middle and the low coefficient stay below 2^15 in magnitude over
 * the group. `packsPairs` admits a pass only when the operands' largest magnitudes guarantee that
 * (BitFusion's four 4x4 products per cycle at groups up to 512, for instance); everything else runs
 * the kernel on unpacked operands.
 */
import type { FeederOperands } from '../operands.ts';
import type { OperandArray } from './row-kernel.ts';

export const PAIR_SHIFT = 16;
const PAIR_SCALE = 2 ** PAIR_SHIFT;

const maxAbsOf = new WeakMap<OperandArray, number>();

/** Largest |value| of an operand array (the feeder operands are never changed once made). */
function maxAbs(a: OperandArray): number {
  let m = maxAbsOf.get(a);
  if (m === undefined) {
    m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
    maxAbsOf.set(a, m);
  }
  return m;
}

/**
 * True when the kernel may take k-values in pairs: integer operands, an even kp, and no group's
 * products can sum to 2^15 in magnitude (gc cycles of kp products at most |x|max x |w|max each).
 */
export function packsPairs(ops: FeederOperands, kp: number, cyclesPerGroup: number): boolean {
  if (!ops.integer || kp % 2 !== 0) return false;
  return cyclesPerGroup * kp * maxAbs(ops.x) * maxAbs(ops.w) < PAIR_SCALE / 2;
}

/** The activation word of k-values (x0, x1). */
export function activationPair(x0: number, x1: number): number {
  return x0 + x1 * PAIR_SCALE;
}

/** The weight word of k-values (w0, w1): reversed, so that the products of equal k meet in the middle. */
export function weightPair(w0: number, w1: number): number {
  return w1 + w0 * PAIR_SCALE;
}

/** JavaScript for the group partial held in the packed accumulator `acc`: its middle coefficient. */
export function unpackPartialSource(acc: string): string {
  const back = 32 - PAIR_SHIFT;
  return `((((${acc} + ${PAIR_SCALE / 2}) >> ${PAIR_SHIFT}) << ${back}) >> ${back})`;
}
