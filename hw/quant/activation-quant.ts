/**
 * Per-token activation quantization of an M x K matrix (row-major, x[m*K + k]): each row (token)
 * gets one symmetric scale, codes in the restricted signed range [-(2^(b-1)-1), 2^(b-1)-1]
 * (INT8: -127..127), ties to even.
 *
 * Scale format: FP16, rounded up like the weight scales. One format for both scales keeps the
 * per-group dequantization unit a single FP16 x FP16 scale product per output (2 bytes per token of
 * scale traffic); per-token absmax values of LLM activations (outliers reach the thousands) stay far
 * inside the FP16 range after division by 127.
 */
import { fp16ToNumber, roundHalfEven } from '../numeric/index.ts';
import { checkBits, checkMatrix } from './options.ts';
import { fp16ScaleFor } from './scale.ts';

export interface QuantizedActivations {
  readonly M: number;
  readonly K: number;
  readonly bits: number;
  /** M x K signed codes, row-major. */
  readonly codes: Int8Array;
  /** M FP16 scale encodings, one per token (+0 for an all-zero row). */
  readonly scales: Uint16Array;
}

export function quantizeActivations(x: ArrayLike<number>, M: number, K: number, bits = 8): QuantizedActivations {
  checkMatrix(x, M, K, 'activations');
  checkBits(bits);
  const codeMax = 2 ** (bits - 1) - 1;
  const codes = new Int8Array(M * K);
  const scales = new Uint16Array(M);
  for (let m = 0; m < M; m++) {
    let absmax = 0;
    for (let k = 0; k < K; k++) absmax = Math.max(absmax, Math.abs(x[m * K + k]!));
    const scale = fp16ScaleFor(absmax, codeMax, 'activations');
    scales[m] = scale;
    const s = fp16ToNumber(scale);
    if (s === 0) continue;
    for (let k = 0; k < K; k++) {
      const q = roundHalfEven(x[m * K + k]! / s);
      codes[m * K + k] = q < -codeMax ? -codeMax : q > codeMax ? codeMax : q;
    }
  }
  return { M, K, bits, codes, scales };
}

/** All M x K dequantized values code * scale, exact. */
export function dequantizeActivations(qa: QuantizedActivations): Float64Array {
  const { M, K, codes, scales } = qa;
  const out = new Float64Array(M * K);
  for (let m = 0; m < M; m++) {
    const s = fp16ToNumber(scales[m]!);
    for (let k = 0; k < K; k++) out[m * K + k] = codes[m * K + k]! * s;
  }
  return out;
}
