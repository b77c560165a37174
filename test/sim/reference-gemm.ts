// Plain reference GEMMs for the simulator tests, written from docs/sim-cycle-model.md without any
// simulator code: loops over m, n, k on the quantized operands.
import type { AntQuantizedWeights, QuantizedActivations, QuantizedWeights } from '../../hw/index.ts';
import { antDecodedWeights, fp16FromNumber, fp16ToNumber } from '../../hw/index.ts';

const f = Math.fround;

/** Integer weights as the reference sees them: the integer value (q - z, or the ANT decode) and the group scales. */
export interface IntegerWeights {
  readonly K: number;
  readonly N: number;
  readonly groupSize: number;
  readonly scales: Uint16Array;
  readonly value: (k: number, n: number) => number;
}

export function integerWeights(w: QuantizedWeights | AntQuantizedWeights): IntegerWeights {
  const { K, N, groupSize, scales } = w;
  if ('types' in w) {
    const ints = antDecodedWeights(w);
    return { K, N, groupSize, scales, value: (k, n) => ints[k * N + n]! };
  }
  return { K, N, groupSize, scales, value: (k, n) => w.codes[k * N + n]! - w.zeros[Math.floor(k / groupSize) * N + n]! };
}

/** Integer kinds: exact INT32 group partials sum_k W * xq, then the FP32 dequant chain. */
export function referenceIntegerGemm(w: IntegerWeights, x: QuantizedActivations): Float32Array {
  const { K, N, groupSize } = w;
  const M = x.M;
  const y = new Float32Array(M * N);
  for (let m = 0; m < M; m++) {
    const sa = fp16ToNumber(x.scales[m]!);
    for (let n = 0; n < N; n++) {
      let acc = 0;
      for (let g = 0; g < K / groupSize; g++) {
        let p = 0;
        for (let k = g * groupSize; k < (g + 1) * groupSize; k++) p += w.value(k, n) * x.codes[m * K + k]!;
        if (!Number.isSafeInteger(p) || Math.abs(p) >= 2 ** 31) throw new Error('partial out of INT32');
        const sp = f(fp16ToNumber(w.scales[g * N + n]!) * sa);
        acc = f(acc + f(f(p) * sp));
      }
      y[m * N + n] = acc;
    }
  }
  return y;
}

/** Exact real result of the quantized GEMM: sum_k W sw * x, in float64 (exact enough as a yardstick). */
export function exactQuantizedGemm(w: IntegerWeights, xAt: (m: number, k: number) => number, M: number): { y: Float64Array; absSum: Float64Array } {
  const { K, N, groupSize } = w;
  const y = new Float64Array(M * N);
  const absSum = new Float64Array(M * N);
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = 0;
      let a = 0;
      for (let k = 0; k < K; k++) {
        const gi = Math.floor(k / groupSize) * N + n;
        const t = w.value(k, n) * fp16ToNumber(w.scales[gi]!) * xAt(m, k);
        s += t;
        a += Math.abs(t);
      }
      y[m * N + n] = s;
      absSum[m * N + n] = a;
    }
  }
  return { y, absSum };
}

/** mixpe-w4a16 replayed: exact products, FP32 sum within each group in k order, times sw, FP32 across groups. */
export function referenceW4A16(w: IntegerWeights, xh: Uint16Array, M: number): Float32Array {
  const { K, N, groupSize } = w;
  const y = new Float32Array(M * N);
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let acc = 0;
      for (let g = 0; g < K / groupSize; g++) {
        const gi = g * N + n;
        let p = 0;
        for (let k = g * groupSize; k < (g + 1) * groupSize; k++) p = f(p + w.value(k, n) * fp16ToNumber(xh[m * K + k]!));
        acc = f(acc + f(p * fp16ToNumber(w.scales[gi]!)));
      }
      y[m * N + n] = acc;
    }
  }
  return y;
}

/** fp16 baseline replayed: weights rounded to FP16 once, exact products, FP32 sum over all K. */
export function referenceFp16(w: IntegerWeights, xh: Uint16Array, M: number): Float32Array {
  const { K, N, groupSize } = w;
  const y = new Float32Array(M * N);
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let acc = 0;
      for (let k = 0; k < K; k++) {
        const gi = Math.floor(k / groupSize) * N + n;
        const wh = fp16ToNumber(fp16FromNumber(w.value(k, n) * fp16ToNumber(w.scales[gi]!)));
        acc = f(acc + wh * fp16ToNumber(xh[m * K + k]!));
      }
      y[m * N + n] = acc;
    }
  }
  return y;
}
