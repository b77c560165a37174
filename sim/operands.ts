/**
 * GEMM operands as the array's feeders hand them to the PEs: the weight operand W' per element
 * (docs/sim-cycle-model.md, "Arithmetic per PE kind"), the activation operand, and the scales the
 * dequantization unit reads.
 */
import {
  createRng,
  fp16FromNumber,
  fp16ToNumber,
  quantizeActivations,
  quantizeWeights,
  weightOperand,
  type QuantizedActivations,
  type QuantizedWeights,
} from '../hw/index.ts';
import type { GemmShape, SimConfig } from './types.ts';

/** FP16 activations: M x K encodings, row-major. */
export interface Fp16Activations {
  readonly M: number;
  readonly K: number;
  readonly values: Uint16Array;
}

export interface GemmOperands {
  readonly weights: QuantizedWeights;
  /** INT8 per-token codes for the `*a8`/int8/ant/bitfusion kinds, FP16 values for the a16 kinds. */
  readonly activations: QuantizedActivations | Fp16Activations;
  /** ANT only: the integer value of each 4-bit code. */
  readonly antValue?: (code: number) => number;
}

/** The feeder-side view: W' (K x N), X (M x K) as numbers in typed arrays, and the scales. */
export interface FeederOperands {
  readonly integer: boolean;
  readonly w: Int32Array | Float64Array;
  readonly x: Int32Array | Float64Array;
  /** groups x N FP16 weight scales (as the dequant unit reads them). */
  readonly wScale: Uint16Array;
  /** M FP16 activation scales (INT8 activations only). */
  readonly xScale: Uint16Array | undefined;
  /** The weight scales' values (as the dequant unit's FP32 datapath sees them: exact). */
  readonly wScaleValue: Float64Array;
  /** The activation scales' values (INT8 activations only). */
  readonly xScaleValue: Float64Array | undefined;
  /** Groups the dequant unit sees per output (1 for kinds that dequantize before the MAC). */
  readonly groups: number;
}

function isFp16(a: QuantizedActivations | Fp16Activations): a is Fp16Activations {
  return 'values' in a;
}

export function feederOperands(config: SimConfig, ops: GemmOperands): FeederOperands {
  const { pe } = config;
  const { K, N, groupSize, codes, scales, zeros } = ops.weights;
  const integer = pe.accumulator === 'int32';
  const w = integer ? new Int32Array(K * N) : new Float64Array(K * N);
  for (let k = 0; k < K; k++) {
    const gRow = Math.floor(k / groupSize) * N;
    for (let n = 0; n < N; n++) {
      w[k * N + n] = weightOperand(pe, codes[k * N + n]!, zeros[gRow + n]!, scales[gRow + n]!, ops.antValue);
    }
  }
  const a = ops.activations;
  let x: Int32Array | Float64Array;
  let xScale: Uint16Array | undefined;
  if (isFp16(a)) {
    if (pe.activation !== 'fp16') throw new Error(`${pe.id} needs INT8 activations`);
    x = new Float64Array(a.values.length);
    for (let i = 0; i < x.length; i++) x[i] = fp16ToNumber(a.values[i]!);
  } else {
    if (pe.activation !== 'int8') throw new Error(`${pe.id} needs FP16 activations`);
    x = Int32Array.from(a.codes);
    xScale = a.scales;
  }
  const wScaleValue = Float64Array.from(scales, fp16ToNumber);
  const xScaleValue = xScale ? Float64Array.from(xScale, fp16ToNumber) : undefined;
  return { integer, w, x, wScale: scales, xScale, wScaleValue, xScaleValue, groups: pe.groupDequant ? K / groupSize : 1 };
}

/** Seeded random operands: normal weights and activations, quantized as the PE kind needs them. */
export function randomGemmOperands(config: SimConfig, shape: GemmShape, seed: number): GemmOperands {
  const rng = createRng(seed);
  const { m, k, n } = shape;
  const wReal = new Float64Array(k * n);
  for (let i = 0; i < wReal.length; i++) wReal[i] = rng.normal() * 0.05;
  const weights = quantizeWeights(wReal, k, n, { bits: config.pe.weightBits, groupSize: config.group, scheme: config.scheme });
  const xReal = new Float64Array(m * k);
  for (let i = 0; i < xReal.length; i++) xReal[i] = rng.normal() * (rng.next() < 0.01 ? 20 : 1);
  if (config.pe.activation === 'int8') return { weights, activations: quantizeActivations(xReal, m, k, 8) };
  const values = new Uint16Array(m * k);
  for (let i = 0; i < values.length; i++) values[i] = fp16FromNumber(xReal[i]!);
  return { weights, activations: { M: m, K: k, values } };
}
