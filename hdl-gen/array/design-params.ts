// The numbers of a generated array, derived from the simulator's own configuration object
// (SimConfig), and the refusal of configurations the generator cannot build, before any file is
// written. docs/sim-cycle-model.md defines every quantity here. A design is built for a PE kind in
// all its precision modes (the array switches among them at run time, `prec_mode` at start); the
// configuration's mode is the one the test vectors run.
import { PE_KIND_IDS, peKind, type PeKind } from '../../hw/index.ts';
import type { SimConfig } from '../../sim/index.ts';
import { UserError } from '../../util/index.ts';

/** Largest array side the generator emits (the tests cover 4x4 to 16x16). */
export const MAX_SIDE = 64;
/** Width of the operand-cycle counter: a pass streams at most 2^16 - 1 operand cycles. */
export const OP_COUNTER_BITS = 16;
export const DEQUANT_STAGES = 3;

/** One precision mode of the design. */
export interface ModeParams {
  readonly kind: PeKind;
  /** k-values per operand cycle per PE (kp) and operand cycles per group (Gc). */
  readonly kp: number;
  readonly gc: number;
  /** Bits of one activation code (4, 8) or FP16 value, and of one stored weight code. */
  readonly xBits: number;
  readonly qBits: number;
}

export interface DesignParams {
  readonly config: SimConfig;
  /** The kind in the configuration's mode. */
  readonly kind: PeKind;
  /** Every mode the design supports, in `prec_mode` order; `mode` is the configuration's index. */
  readonly modes: readonly ModeParams[];
  readonly mode: number;
  readonly rows: number;
  readonly cols: number;
  /** Output columns per PE column, and of the whole array (cols x lanes). */
  readonly lanes: number;
  readonly outCols: number;
  readonly group: number;
  /** Kinds that dequantize before the MAC (fp16) run one group over the whole pass (Gc = Kc). */
  readonly groupPerPass: boolean;
  /** PE latency L. */
  readonly latency: number;
  /** Dequantization lanes per output column: ceil(R / Gc) for the shortest Gc of any mode. */
  readonly dequantLanes: number;
  /** Bits per row of one operand cycle's activations (the widest mode's kp x xBits). */
  readonly xWord: number;
  /** Bits per output column of one operand cycle's stored weight codes (widest mode's kp x qBits). */
  readonly qWord: number;
  /** Bits of the weight operand W' word the feeder hands a PE per output column. */
  readonly wWord: number;
  readonly signedCodes: boolean;
  readonly hasZeroPoint: boolean;
  /** Some mode decodes ANT 4-bit types (the array then takes the tensor's type at start). */
  readonly antTypes: boolean;
  /** The dequant unit multiplies by sw x sa (integer activations), by sw (fp16 activations) or by 1. */
  readonly scaleMode: 'sw-sa' | 'sw' | 'one';
}

/** Bits of W' per weight as the feeder hands it over: q - z (one more bit), the code, ANT's (mantissa, shift), FP16. */
export function weightOperandBits(kind: PeKind, hasZeroPoint: boolean): number {
  switch (kind.weightFeed) {
    case 'fp16-dequant': return 16;
    case 'ant-decode': return 7;
    case 'code-minus-zero': return hasZeroPoint ? kind.weightBits + 1 : kind.weightBits;
  }
}

export function designParams(config: SimConfig): DesignParams {
  const kind = config.pe;
  if (!(PE_KIND_IDS as readonly string[]).includes(kind.id)) throw new UserError(`no Verilog generator for PE kind '${kind.id}'`, '--pe', `choose one of: ${PE_KIND_IDS.join(', ')}`);
  const { rows, cols } = config.array;
  for (const [side, v] of [['rows', rows], ['columns', cols]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_SIDE) throw new UserError(`array ${side} must be 1..${MAX_SIDE}, got ${v}`, '--array', `give ROWSxCOLS with each side at most ${MAX_SIDE}`);
  }
  if (config.array.dataflow !== 'output-stationary') {
    throw new UserError(`the generated Verilog covers the output-stationary dataflow only, got ${config.array.dataflow}`, '--dataflow', 'use --dataflow os');
  }
  if (!kind.schemes.includes(config.scheme)) {
    throw new UserError(`${kind.id} ${kind.mode} does not support ${config.scheme} weights`, '--scheme', `valid choices for ${kind.id} ${kind.mode}: ${kind.schemes.join(', ')}`);
  }
  const group = config.group;
  const modes = kind.modes.map((m): ModeParams => {
    const k = peKind(kind.id, '--pe', m);
    const kp = k.kPerCycle;
    if (!Number.isInteger(group) || group < kp || group % kp !== 0 || group / kp >= 2 ** OP_COUNTER_BITS) {
      throw new UserError(`group size ${group} cannot be built for ${kind.id} (its ${m} mode fuses ${kp} k-values per cycle)`, '--group', `give a multiple of ${Math.max(...kind.modes.map((x) => peKind(kind.id, '--pe', x).kPerCycle))} below ${kp * 2 ** OP_COUNTER_BITS}`);
    }
    if (k.accumulator === 'int32' && group * k.weightOperandMax * 2 ** ((k.activation === 'int4' ? 4 : 8) - 1) >= 2 ** 31) {
      throw new UserError(`group size ${group} could overflow the INT32 partial sum`, '--group', 'use a smaller group');
    }
    return { kind: k, kp, gc: group / kp, xBits: k.activation === 'int8' ? 8 : k.activation === 'int4' ? 4 : 16, qBits: k.weightBits };
  });
  const signedCodes = config.scheme === 'symmetric';
  const hasZeroPoint = !signedCodes;
  const minGc = Math.min(...modes.map((m) => m.gc));
  return {
    config,
    kind,
    modes,
    mode: kind.modes.indexOf(kind.mode),
    rows,
    cols,
    lanes: kind.lanes,
    outCols: cols * kind.lanes,
    group,
    groupPerPass: !kind.groupDequant,
    latency: kind.latency,
    // One row per cycle finishes a group in each column; with one group per pass one lane suffices.
    dequantLanes: kind.groupDequant ? Math.ceil(rows / minGc) : 1,
    xWord: Math.max(...modes.map((m) => m.kp * m.xBits)),
    qWord: Math.max(...modes.map((m) => m.kp * m.qBits)),
    wWord: Math.max(...modes.map((m) => m.kp * weightOperandBits(m.kind, hasZeroPoint))),
    signedCodes,
    hasZeroPoint,
    antTypes: modes.some((m) => m.kind.weightFeed === 'ant-decode'),
    scaleMode: !kind.groupDequant ? 'one' : kind.activation !== 'fp16' ? 'sw-sa' : 'sw',
  };
}

/** The configuration as header lines of the generated file. */
export function configHeader(p: DesignParams): string[] {
  const modes = p.modes.map((m, i) => `${i} ${m.kind.mode} (${m.kp} k-value(s) per cycle, ${m.xBits}-bit activations, ${m.qBits}-bit weights)`).join('; ');
  return [
    `PE kind       ${p.kind.id}: ${p.kind.summary}`,
    `array         ${p.rows} x ${p.cols} PEs, ${p.lanes} output(s) per PE, output-stationary`,
    `weights       ${p.config.scheme} codes, group ${p.group} (${p.groupPerPass ? 'dequantized in the feeder; one partial per pass' : 'dequantized once per group'})`,
    `modes         prec_mode ${modes}`,
    `latency       PE L = ${p.latency}, dequant D = ${DEQUANT_STAGES}, ${p.dequantLanes} dequant lane(s) per output column`,
    `pass cycles   Kc + ${p.rows} + ${p.cols} - 1 + ${p.latency} + ${DEQUANT_STAGES} (docs/sim-cycle-model.md)`,
  ];
}
