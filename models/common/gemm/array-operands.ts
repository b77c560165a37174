/**
 * Real tensors as the array holds them: weights quantized per the PE kind (hw/quant: its bits, the
 * group size and scheme; ANT picks one 4-bit type per tensor as in the MixPE study), activations as
 * per-token INT8 codes or FP16 values; and the feeder-side view the exact kernels compute on.
 */
import {
  activationBits, antQuantizeWeights, fp16FromNumber, fp16ToNumber, quantizeActivations, quantizeWeights,
  type AntQuantizedWeights, type PeKind, type QuantizedActivations, type QuantizedWeights,
} from '../../../hw/index.ts';
import { weightOperandAt, type Fp16Activations, type GemmOperands, type SimConfig } from '../../../sim/index.ts';

/** The weight side of a GEMM: sim's operands and the exact kernels' view of them. */
export interface ArrayWeightOperands {
  readonly weights: QuantizedWeights | AntQuantizedWeights;
  /** W' as fed to the PEs, transposed (N rows of K). */
  readonly wt: Float32Array;
  /** Group scale values, N rows of (K / groupLength); 1 where the PE dequantizes before the MAC. */
  readonly wScale: Float64Array;
  readonly groupLength: number;
}

/** The activation side: sim's operands and the exact kernels' view. */
export interface ArrayActivationOperands {
  readonly activations: QuantizedActivations | Fp16Activations;
  readonly x: Int8Array | Float64Array;
  readonly xScale: Float64Array | undefined;
}

/** Quantizes W (K x N, row-major) as `config`'s PE kind stores it. */
export function arrayWeights(config: SimConfig, w: ArrayLike<number>, k: number, n: number): ArrayWeightOperands {
  const { pe } = config;
  const weights = pe.weightFeed === 'ant-decode'
    ? antQuantizeWeights(w, k, n, { groupSize: config.group, selection: 'tensor' })
    : quantizeWeights(w, k, n, { bits: pe.weightBits, groupSize: config.group, scheme: config.scheme });
  return feederWeights(config, weights);
}

/** The feeder-side view of already quantized weights (W' by sim's own feeder semantics). */
export function feederWeights(config: SimConfig, weights: QuantizedWeights | AntQuantizedWeights): ArrayWeightOperands {
  const { K, N, groupSize } = weights;
  const ops: GemmOperands = { weights, activations: { M: 0, K, values: new Uint16Array(0) } };
  const wt = new Float32Array(K * N);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) wt[n * K + k] = weightOperandAt(config, ops, k, n);
  const groupLength = config.pe.groupDequant ? groupSize : K;
  const groups = K / groupLength;
  const wScale = new Float64Array(N * groups).fill(1);
  if (config.pe.groupDequant) {
    for (let g = 0; g < groups; g++) for (let n = 0; n < N; n++) wScale[n * groups + g] = fp16ToNumber(weights.scales[g * N + n]);
  }
  return { weights, wt, wScale, groupLength };
}

/** Activations X (M x K) as the PE kind takes them: per-token INT8/INT4 codes or FP16 values. */
export function arrayActivations(pe: PeKind, x: ArrayLike<number>, m: number, k: number): ArrayActivationOperands {
  if (pe.activation !== 'fp16') {
    const q = quantizeActivations(x, m, k, activationBits(pe));
    return { activations: q, x: q.codes, xScale: Float64Array.from(q.scales, fp16ToNumber) };
  }
  const values = new Uint16Array(m * k);
  const xv = new Float64Array(m * k);
  for (let i = 0; i < values.length; i++) {
    values[i] = fp16FromNumber(x[i]);
    xv[i] = fp16ToNumber(values[i]);
  }
  return { activations: { M: m, K: k, values }, x: xv, xScale: undefined };
}
