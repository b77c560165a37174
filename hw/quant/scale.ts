/**
 * Quantization scales as the hardware stores them: FP16 encodings. A scale is rounded UP to the
 * next FP16 value, never down, so the extreme value of a group still maps inside the code range
 * and the round-trip error of every element stays within half a step of the stored scale.
 */
import { UserError } from '../../util/index.ts';
import { FP16_MAX, fp16FromNumberUp } from '../numeric/index.ts';

/** The FP16 encoding of the smallest FP16 value >= range / steps (+0 when range is 0). */
export function fp16ScaleFor(range: number, steps: number, what: string): number {
  const h = fp16FromNumberUp(range / steps);
  if (h > FP16_MAX) {
    throw new UserError(
      `${what} span ${range} needs a scale above the FP16 maximum 65504`,
      what,
      'rescale the tensor; FP16 scales cover magnitudes up to about 65504 per code step',
    );
  }
  return h;
}
