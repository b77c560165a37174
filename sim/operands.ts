/**
 * GEMM operands as the array's feeders hand them to the PEs: the weight operand W' per element
 * (docs/sim-cycle-model.md, "Arithmetic per PE kind"), the activation operand, and the scales the
 * dequantization unit reads.
 */
import {
  activationBits,
  antQuantizeWeights,
  createRng,
  fp16FromNumber,
  fp16ToNumber,
  quantizeActivations,
  quantizeWeights,
  weightOperand,
  type AntQuantizedWeights,
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
  /** Group-quantized codes (every kind but `ant`) or ANT-typed codes (`ant`). */
  readonly weights: QuantizedWeights | AntQuantizedWeights;
  /** Per-token INT8 or INT4 codes for the integer-activation modes, FP16 values for the a16 kinds. */
  readonly activations: QuantizedActivations | Fp16Activations;
  /**
   * `ant` with one type for the whole tensor given as plain group-quantized codes: the integer value
   * of each 4-bit code (AntQuantizedWeights carry their decoders and need none).
   */
  readonly antValue?: (code: number) => number;
}

export function isAntWeights(w: QuantizedWeights | AntQuantizedWeights): w is AntQuantizedWeights {
  return 'types' in w;
}

/**
 * W' of element (k, n) by the PE kind's feeder semantics (hw/pe weightOperand): the zero point is
 * subtracted, the FP16 baseline dequantizes, ANT decodes with its group's type.
 */
export function weightOperandAt(config: SimConfig, ops: GemmOperands, k: number, n: number): number {
  const w = ops.weights;
  const gi = Math.floor(k / w.groupSize) * w.N + n;
  const code = w.codes[k * w.N + n]!;
  if (isAntWeights(w)) {
    const type = w.types[w.typeIndex[gi]!]!;
    return weightOperand(config.pe, code, 0, w.scales[gi]!, (c) => type.decode[c]!);
  }
  return weightOperand(config.pe, code, w.zeros[gi]!, w.scales[gi]!, ops.antValue);
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
  const { K, N, groupSize, scales } = ops.weights;
  if (isAntWeights(ops.weights) && pe.weightFeed !== 'ant-decode') throw new Error(`${pe.id} cannot run ANT-typed weights`);
  const integer = pe.accumulator === 'int32';
  const w = integer ? new Int32Array(K * N) : new Float64Array(K * N);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) w[k * N + n] = weightOperandAt(config, ops, k, n);
  const a = ops.activations;
  let x: Int32Array | Float64Array;
  let xScale: Uint16Array | undefined;
  if (isFp16(a)) {
    if (pe.activation !== 'fp16') throw new Error(`${pe.id} ${pe.mode} needs ${activationBits(pe)}-bit integer activations`);
    x = new Float64Array(a.values.length);
    for (let i = 0; i < x.length; i++) x[i] = fp16ToNumber(a.values[i]!);
  } else {
    if (pe.activation === 'fp16') throw new Error(`${pe.id} needs FP16 activations`);
    if (a.bits !== activationBits(pe)) throw new Error(`${pe.id} ${pe.mode} needs ${activationBits(pe)}-bit activations, got ${a.bits}-bit codes`);
    x = Int32Array.from(a.codes);
    xScale = a.scales;
  }
  const wScaleValue = Float64Array.from(scales, fp16ToNumber);
  const xScaleValue = xScale ? Float64Array.from(xScale, fp16ToNumber) : undefined;
  return { integer, w, x, wScale: scales, xScale, wScaleValue, xScaleValue, groups: pe.groupDequant ? K / groupSize : 1 };
}

/** Weights quantized as the PE kind stores them: ANT picks its 4-bit type once per tensor (Guo et al. 2022). */
export function quantizeForKind(config: SimConfig, w: ArrayLike<number>, k: number, n: number): QuantizedWeights | AntQuantizedWeights {
  return config.pe.weightFeed === 'ant-decode'
    ? antQuantizeWeights(w, k, n, { groupSize: config.group, selection: 'tensor' })
    : quantizeWeights(w, k, n, { bits: config.pe.weightBits, groupSize: config.group, scheme: config.scheme });
}

/** Seeded random operands: normal weights and activations, quantized as the PE kind needs them. */
export function randomGemmOperands(config: SimConfig, shape: GemmShape, seed: number): GemmOperands {
  const rng = createRng(seed);
  const { m, k, n } = shape;
  const wReal = new Float64Array(k * n);
  for (let i = 0; i < wReal.length; i++) wReal[i] = rng.normal() * 0.05;
  const weights = quantizeForKind(config, wReal, k, n);
  const xReal = new Float64Array(m * k);
  for (let i = 0; i < xReal.length; i++) xReal[i] = rng.normal() * (rng.next() < 0.01 ? 20 : 1);
  if (config.pe.activation !== 'fp16') return { weights, activations: quantizeActivations(xReal, m, k, activationBits(config.pe)) };
  const values = new Uint16Array(m * k);
  for (let i = 0; i < values.length; i++) values[i] = fp16FromNumber(xReal[i]!);
  return { weights, activations: { M: m, K: k, values } };
}
