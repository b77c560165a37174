// The numbers a generated array needs, derived from the simulator's own configuration object
// (SimConfig), and the refusal of configurations the generator cannot build, before any file is
// written. docs/sim-cycle-model.md defines every quantity here.
import { PE_KIND_IDS, macsPerCycle, type PeKind } from '../../hw/index.ts';
import type { SimConfig } from '../../sim/index.ts';
import { UserError } from '../../util/index.ts';

/** Largest array side the generator emits (the tests cover 4x4 to 16x16). */
export const MAX_SIDE = 64;
/** Width of the operand-cycle counter: a pass streams at most 2^16 - 1 operand cycles. */
export const OP_COUNTER_BITS = 16;
export const DEQUANT_STAGES = 3;

export interface DesignParams {
  readonly config: SimConfig;
  readonly kind: PeKind;
  readonly rows: number;
  readonly cols: number;
  readonly group: number;
  /** k-values per operand cycle per PE (kp) and operand cycles per group (Gc). */
  readonly kp: number;
  readonly gc: number;
  /** Kinds that dequantize before the MAC (fp16) run one group over the whole pass (Gc = Kc). */
  readonly groupPerPass: boolean;
  /** PE latency L. */
  readonly latency: number;
  /** Dequantization lanes per column: ceil(R / Gc). */
  readonly lanes: number;
  /** Bits of one activation operand (int8 code or fp16) and of one stored weight code. */
  readonly xBits: number;
  readonly qBits: number;
  /** Bits of the weight operand W' the feeder hands the PE. */
  readonly wBits: number;
  readonly signedCodes: boolean;
  readonly hasZeroPoint: boolean;
  /** The dequant unit multiplies by sw x sa (int8 activations), by sw (fp16 activations) or by 1. */
  readonly scaleMode: 'sw-sa' | 'sw' | 'one';
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
  const kp = macsPerCycle(kind);
  const group = config.group;
  if (!Number.isInteger(group) || group < kp || group % kp !== 0 || group / kp >= 2 ** OP_COUNTER_BITS) {
    throw new UserError(`group size ${group} cannot be built for ${kind.id}`, '--group', `give a multiple of ${kp} below ${kp * 2 ** OP_COUNTER_BITS}`);
  }
  if (!kind.schemes.includes(config.scheme)) {
    throw new UserError(`${kind.id} does not support ${config.scheme} weights`, '--scheme', `valid choices for ${kind.id}: ${kind.schemes.join(', ')}`);
  }
  if (kind.accumulator === 'int32' && group * 2 ** kind.weightBits * 128 >= 2 ** 31) {
    throw new UserError(`group size ${group} could overflow the INT32 partial sum`, '--group', 'use a smaller group');
  }
  const gc = group / kp;
  const signedCodes = config.scheme === 'symmetric';
  const wBits = kind.weightFeed === 'fp16-dequant' ? 16 : kind.weightFeed === 'ant-decode' ? 8 : signedCodes ? kind.weightBits : kind.weightBits + 1;
  return {
    config,
    kind,
    rows,
    cols,
    group,
    kp,
    gc,
    groupPerPass: !kind.groupDequant,
    latency: kind.latency,
    // One row per cycle finishes a group in each column; with one group per pass one lane suffices.
    lanes: kind.groupDequant ? Math.ceil(rows / gc) : 1,
    xBits: kind.activation === 'int8' ? 8 : 16,
    qBits: kind.weightBits,
    wBits,
    signedCodes,
    hasZeroPoint: !signedCodes,
    scaleMode: !kind.groupDequant ? 'one' : kind.activation === 'int8' ? 'sw-sa' : 'sw',
  };
}

/** The configuration as header lines of the generated file. */
export function configHeader(p: DesignParams): string[] {
  return [
    `PE kind       ${p.kind.id}: ${p.kind.summary}`,
    `array         ${p.rows} x ${p.cols} PEs, output-stationary`,
    `weights       ${p.qBits}-bit ${p.config.scheme} codes, group ${p.group} (${p.groupPerPass ? 'dequantized in the feeder; one partial per pass' : `${p.gc} operand cycles`}), W' ${p.wBits} bits`,
    `activations   ${p.kind.activation}, ${p.kp} k-value(s) per PE per cycle`,
    `latency       PE L = ${p.latency}, dequant D = ${DEQUANT_STAGES}, ${p.lanes} dequant lane(s) per column`,
    `pass cycles   Kc + ${p.rows} + ${p.cols} - 1 + ${p.latency} + ${DEQUANT_STAGES} (docs/sim-cycle-model.md)`,
  ];
}
