/**
 * The PE kinds: what each multiplies, how it accumulates, its pipeline latency and how many MACs it
 * does per cycle. The exact arithmetic is in semantics.ts; the cycle contract (docs/sim-cycle-model.md)
 * refers to these fields by name (L = latency, kp = macsPerCycle).
 */
import { UserError } from '../../util/index.ts';
import type { QuantScheme } from '../quant/index.ts';

export const PE_KIND_IDS = ['mixpe-w4a8', 'mixpe-w4a16', 'fp16', 'int8', 'ant', 'bitfusion'] as const;
export type PeKindId = (typeof PE_KIND_IDS)[number];

/** How the column feeder turns a stored weight code into the operand the PE multiplies. */
export type WeightFeed =
  /** `q - z`, an exact small integer (the zero point may equally be applied in dequant stage 1). */
  | 'code-minus-zero'
  /** `fp16(fp16(q - z) * scale)`: the weight is dequantized to FP16 before every MAC. */
  | 'fp16-dequant'
  /** `decode(q) - decode(z)`: the ANT 4-bit code decoded to its integer value. */
  | 'ant-decode';

export interface PeKind {
  readonly id: PeKindId;
  readonly summary: string;
  /** Bits of a stored weight code. */
  readonly weightBits: number;
  /** Largest |W'| the feeder can hand an integer PE (bounds the INT32 group partial). */
  readonly weightOperandMax: number;
  /** Activation operand: per-token INT8 codes, or FP16 values. */
  readonly activation: 'int8' | 'fp16';
  /** The PE accumulator: exact INT32, or FP32 with a rounding per addition. */
  readonly accumulator: 'int32' | 'fp32';
  readonly weightFeed: WeightFeed;
  /** Pipeline stages from the operand registers to the accumulator (L in the cycle model). */
  readonly latency: number;
  /** False when the weights are dequantized before the MAC (the dequant unit then multiplies by 1). */
  readonly groupDequant: boolean;
  /** Weight schemes the PE can run. */
  readonly schemes: readonly QuantScheme[];
}

const BOTH: readonly QuantScheme[] = ['symmetric', 'asymmetric'];

export const PE_KINDS: Readonly<Record<PeKindId, PeKind>> = {
  'mixpe-w4a8': {
    id: 'mixpe-w4a8',
    summary: 'MixPE: INT4 weight x INT8 activation, INT32 partial sum per group, dequantized once per group',
    weightBits: 4, weightOperandMax: 15, activation: 'int8', accumulator: 'int32', weightFeed: 'code-minus-zero',
    latency: 1, groupDequant: true, schemes: BOTH,
  },
  'mixpe-w4a16': {
    id: 'mixpe-w4a16',
    summary: 'MixPE: INT4 weight x FP16 activation by shift-and-add (exponent addition), FP32 group partial, scaled once per group',
    weightBits: 4, weightOperandMax: 15, activation: 'fp16', accumulator: 'fp32', weightFeed: 'code-minus-zero',
    latency: 2, groupDequant: true, schemes: BOTH,
  },
  fp16: {
    id: 'fp16',
    summary: 'baseline: INT4 weight dequantized to FP16 before every MAC, FP16 x FP16 products, FP32 accumulation',
    weightBits: 4, weightOperandMax: 15, activation: 'fp16', accumulator: 'fp32', weightFeed: 'fp16-dequant',
    latency: 2, groupDequant: false, schemes: BOTH,
  },
  int8: {
    id: 'int8',
    summary: 'baseline: W8A8 integer MAC, INT32 partial sum per group',
    weightBits: 8, weightOperandMax: 255, activation: 'int8', accumulator: 'int32', weightFeed: 'code-minus-zero',
    latency: 1, groupDequant: true, schemes: BOTH,
  },
  ant: {
    id: 'ant',
    summary: 'baseline (ANT): adaptive 4-bit weight type decoded to an integer, x INT8 activation, INT32 partial sum',
    weightBits: 4, weightOperandMax: 64, activation: 'int8', accumulator: 'int32', weightFeed: 'ant-decode',
    latency: 1, groupDequant: true, schemes: ['symmetric'],
  },
  bitfusion: {
    id: 'bitfusion',
    summary: 'baseline (BitFusion): 16 2-bit bit-bricks fused per PE; 4-bit x 8-bit uses 8 bricks, two MACs per cycle',
    weightBits: 4, weightOperandMax: 7, activation: 'int8', accumulator: 'int32', weightFeed: 'code-minus-zero',
    latency: 1, groupDequant: true, schemes: ['symmetric'],
  },
};

/** BitFusion bit-bricks per PE (Sharma et al., ISCA 2018: a fusion unit is 4 x 4 BitBricks). */
export const BITFUSION_BRICKS = 16;

/** MACs per cycle per PE (kp). A BitFusion PE fuses ceil(wb/2) x ceil(ab/2) 2-bit bricks per product. */
export function macsPerCycle(kind: PeKind): number {
  if (kind.id !== 'bitfusion') return 1;
  const bricksPerProduct = Math.ceil(kind.weightBits / 2) * Math.ceil(8 / 2);
  return Math.floor(BITFUSION_BRICKS / bricksPerProduct);
}

/** Bits of one activation operand as it is read from the activation buffer. */
export function activationBits(kind: PeKind): number {
  return kind.activation === 'int8' ? 8 : 16;
}

export function peKind(id: string, where = '--pe'): PeKind {
  if (!(PE_KIND_IDS as readonly string[]).includes(id)) {
    throw new UserError(`unknown PE kind '${id}'`, where, `choose one of: ${PE_KIND_IDS.join(', ')}`);
  }
  return PE_KINDS[id as PeKindId];
}
