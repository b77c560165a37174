/**
 * The PE kinds: what each multiplies, how it accumulates, its pipeline latency, and how many MACs it
 * does per cycle at each precision it supports. A `PeKind` value is a kind in one precision mode;
 * `peKind(id, where, mode)` builds it. The exact arithmetic is in semantics.ts; the cycle contract
 * (docs/sim-cycle-model.md) refers to these fields by name (L = latency, kp = kPerCycle, lanes).
 *
 * Throughput comes in two shapes:
 * - kPerCycle (kp): k-values fused into one product sum per cycle. BitFusion fuses 16 2-bit bit-bricks
 *   (Sharma et al., ISCA 2018): an 8x8 product takes all 16, 4x8 takes 8, 4x4 takes 4, so one PE does
 *   1, 2 or 4 products of consecutive k per cycle. ANT's PE (Guo et al., MICRO 2022) is built the same
 *   way from four 4-bit units: 8x8 on all four, a 4-bit ANT weight against an INT8 activation on two,
 *   4-bit against 4-bit on one.
 * - lanes: output columns a PE owns. MixPE multiplies one activation by several INT4 weights per cycle
 *   by shift-and-add (a 4-bit weight selects up to four shifted copies of the activation), each into
 *   its own accumulator, so a PE covers `lanes` adjacent outputs of its row.
 */
import { UserError } from '../../util/index.ts';
import type { QuantScheme } from '../quant/index.ts';

export const PE_KIND_IDS = ['mixpe-w4a8', 'mixpe-w4a16', 'fp16', 'int8', 'ant', 'bitfusion'] as const;
export type PeKindId = (typeof PE_KIND_IDS)[number];

/** Weight and activation precision of a mode (w4a16: INT4 weights, FP16 activations). */
export const PRECISION_MODES = ['w8a8', 'w4a8', 'w4a4', 'w4a16'] as const;
export type PrecisionMode = (typeof PRECISION_MODES)[number];

/** How the column feeder turns a stored weight code into the operand the PE multiplies. */
export type WeightFeed =
  /** `q - z`, an exact small integer (the zero point may equally be applied in dequant stage 1). */
  | 'code-minus-zero'
  /** `fp16(fp16(q - z) * scale)`: the weight is dequantized to FP16 before every MAC. */
  | 'fp16-dequant'
  /** `decode(q) - decode(z)`: the ANT 4-bit code decoded to its integer value. */
  | 'ant-decode';

/** Activation operand: per-token INT8 or INT4 codes, or FP16 values. */
export type ActivationFormat = 'int8' | 'int4' | 'fp16';

export interface PeKind {
  readonly id: PeKindId;
  /** The precision this value of the kind runs at. */
  readonly mode: PrecisionMode;
  /** Every mode the PE's hardware supports (the generated RTL switches among them at run time). */
  readonly modes: readonly PrecisionMode[];
  readonly summary: string;
  /** Bits of a stored weight code. */
  readonly weightBits: number;
  /** Largest |W'| the feeder can hand an integer PE (bounds the INT32 group partial). */
  readonly weightOperandMax: number;
  readonly activation: ActivationFormat;
  /** The PE accumulator: exact INT32, or FP32 with a rounding per addition. */
  readonly accumulator: 'int32' | 'fp32';
  readonly weightFeed: WeightFeed;
  /** Pipeline stages from the operand registers to the accumulator (L in the cycle model). */
  readonly latency: number;
  /** False when the weights are dequantized before the MAC (the dequant unit then multiplies by 1). */
  readonly groupDequant: boolean;
  /** Weight schemes the PE can run. */
  readonly schemes: readonly QuantScheme[];
  /** k-values fused into one product sum per cycle (kp). */
  readonly kPerCycle: number;
  /** Output columns one PE owns: weights it multiplies against one activation per cycle. */
  readonly lanes: number;
}

const BOTH: readonly QuantScheme[] = ['symmetric', 'asymmetric'];
const SYMMETRIC: readonly QuantScheme[] = ['symmetric'];

/** BitFusion bit-bricks per PE (Sharma et al., ISCA 2018: a fusion unit is 4 x 4 BitBricks of 2 bits). */
export const BITFUSION_BRICKS = 16;
/** MixPE lanes: INT4 weights per activation per cycle (the official model's 4 MACs per PE per cycle). */
export const MIXPE_LANES = 4;

type ModeFields = Pick<PeKind, 'weightBits' | 'weightOperandMax' | 'activation' | 'weightFeed' | 'schemes' | 'kPerCycle'>;
interface KindDef extends Omit<PeKind, 'mode' | 'modes' | keyof ModeFields> {
  readonly modes: Readonly<Partial<Record<PrecisionMode, ModeFields>>>;
  readonly defaultMode: PrecisionMode;
}

/** Products per cycle of a fused unit of `units` bricks of `brick` bits, at weight/activation bits. */
function fused(units: number, brick: number, wb: number, ab: number): number {
  return Math.floor(units / (Math.ceil(wb / brick) * Math.ceil(ab / brick)));
}

const intMode = (wb: number, ab: 4 | 8, weightOperandMax: number, weightFeed: WeightFeed, schemes: readonly QuantScheme[], kPerCycle: number): ModeFields =>
  ({ weightBits: wb, weightOperandMax, activation: ab === 8 ? 'int8' : 'int4', weightFeed, schemes, kPerCycle });

const KINDS: Readonly<Record<PeKindId, KindDef>> = {
  'mixpe-w4a8': {
    id: 'mixpe-w4a8', summary: `MixPE: one INT8 activation x ${MIXPE_LANES} INT4 weights per cycle by shift-and-add, INT32 partial sum per group and output, dequantized once per group`,
    accumulator: 'int32', latency: 1, groupDequant: true, lanes: MIXPE_LANES, defaultMode: 'w4a8',
    modes: { w4a8: intMode(4, 8, 15, 'code-minus-zero', BOTH, 1) },
  },
  'mixpe-w4a16': {
    id: 'mixpe-w4a16', summary: `MixPE: one FP16 activation x ${MIXPE_LANES} INT4 weights per cycle by shift-and-add (exponent addition), FP32 group partial per output, scaled once per group`,
    accumulator: 'fp32', latency: 2, groupDequant: true, lanes: MIXPE_LANES, defaultMode: 'w4a16',
    modes: { w4a16: { weightBits: 4, weightOperandMax: 15, activation: 'fp16', weightFeed: 'code-minus-zero', schemes: BOTH, kPerCycle: 1 } },
  },
  fp16: {
    id: 'fp16', summary: 'baseline: INT4 weight dequantized to FP16 before every MAC, FP16 x FP16 products, FP32 accumulation',
    accumulator: 'fp32', latency: 2, groupDequant: false, lanes: 1, defaultMode: 'w4a16',
    modes: { w4a16: { weightBits: 4, weightOperandMax: 15, activation: 'fp16', weightFeed: 'fp16-dequant', schemes: BOTH, kPerCycle: 1 } },
  },
  int8: {
    id: 'int8', summary: 'baseline: W8A8 integer MAC, INT32 partial sum per group',
    accumulator: 'int32', latency: 1, groupDequant: true, lanes: 1, defaultMode: 'w8a8',
    modes: { w8a8: intMode(8, 8, 255, 'code-minus-zero', BOTH, 1) },
  },
  ant: {
    id: 'ant', summary: 'baseline (ANT): four fused 4-bit units; adaptive 4-bit weight types (int4/flint4/pot4) decoded to integers, INT32 partial sum',
    accumulator: 'int32', latency: 1, groupDequant: true, lanes: 1, defaultMode: 'w4a8',
    modes: {
      w8a8: intMode(8, 8, 127, 'code-minus-zero', SYMMETRIC, fused(4, 4, 8, 8)),
      w4a8: intMode(4, 8, 64, 'ant-decode', SYMMETRIC, fused(4, 4, 4, 8)),
      w4a4: intMode(4, 4, 64, 'ant-decode', SYMMETRIC, fused(4, 4, 4, 4)),
    },
  },
  bitfusion: {
    id: 'bitfusion', summary: `baseline (BitFusion): ${BITFUSION_BRICKS} 2-bit bit-bricks fused per PE: one 8x8, two 4x8 or four 4x4 products per cycle`,
    accumulator: 'int32', latency: 1, groupDequant: true, lanes: 1, defaultMode: 'w4a8',
    modes: {
      w8a8: intMode(8, 8, 127, 'code-minus-zero', SYMMETRIC, fused(BITFUSION_BRICKS, 2, 8, 8)),
      w4a8: intMode(4, 8, 7, 'code-minus-zero', SYMMETRIC, fused(BITFUSION_BRICKS, 2, 4, 8)),
      w4a4: intMode(4, 4, 7, 'code-minus-zero', SYMMETRIC, fused(BITFUSION_BRICKS, 2, 4, 4)),
    },
  },
};

function build(def: KindDef, mode: PrecisionMode): PeKind {
  const { modes, defaultMode: _default, ...rest } = def;
  return Object.freeze({ ...rest, ...modes[mode]!, mode, modes: Object.keys(modes) as PrecisionMode[] });
}

/** Every kind at its default mode. */
export const PE_KINDS: Readonly<Record<PeKindId, PeKind>> = Object.fromEntries(
  PE_KIND_IDS.map((id) => [id, build(KINDS[id], KINDS[id].defaultMode)]),
) as Record<PeKindId, PeKind>;

/** MACs per cycle per PE: fused k-values times output lanes. */
export function macsPerCycle(kind: PeKind): number {
  return kind.kPerCycle * kind.lanes;
}

/** Bits of one activation operand as it is read from the activation buffer. */
export function activationBits(kind: PeKind): number {
  return kind.activation === 'int8' ? 8 : kind.activation === 'int4' ? 4 : 16;
}

/** A kind in a precision mode (its default mode unless given); `where` names the flag for errors. */
export function peKind(id: string, where = '--pe', mode?: string, modeWhere = '--precision'): PeKind {
  if (!(PE_KIND_IDS as readonly string[]).includes(id)) {
    throw new UserError(`unknown PE kind '${id}'`, where, `choose one of: ${PE_KIND_IDS.join(', ')}`);
  }
  const def = KINDS[id as PeKindId];
  if (mode === undefined) return PE_KINDS[id as PeKindId];
  if (!(mode in def.modes)) {
    throw new UserError(`${id} has no precision mode '${mode}'`, modeWhere, `valid choices for ${id}: ${Object.keys(def.modes).join(', ')}`);
  }
  return build(def, mode as PrecisionMode);
}

/** Every kind in every mode it supports. */
export function allPeModes(): PeKind[] {
  return PE_KIND_IDS.flatMap((id) => (Object.keys(KINDS[id].modes) as PrecisionMode[]).map((mode) => build(KINDS[id], mode)));
}
