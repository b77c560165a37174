import { allPeModes, type PeKind, type PeKindId } from '../pe/index.ts';
import { horowitz45nm, intAddArea45, intAddPj45, intMultArea45, intMultPj45 } from './horowitz-45nm.ts';

/** The PE kinds of the MixPE comparison (the ids hw/pe uses), in the study's order. */
export const studyPeKinds = ['mixpe-w4a8', 'mixpe-w4a16', 'int8', 'ant', 'bitfusion', 'fp16'] as const satisfies readonly PeKindId[];
export type StudyPeKind = (typeof studyPeKinds)[number];

/** A PE kind in one precision mode, as the energy tables key it: `bitfusion/w4a4`. */
export function energyKey(kind: Pick<PeKind, 'id' | 'mode'>): string {
  return `${kind.id}/${kind.mode}`;
}

/** One operator a PE performs per multiply-accumulate, with its 45 nm energy and area. */
export interface PeOperator {
  readonly what: string;
  readonly count: number;
  readonly pj45: number;
  readonly um2At45: number;
}

const e = horowitz45nm.energyPj;
const a = horowitz45nm.areaUm2;
const intMult = (w: number, x: number, count = 1): PeOperator => ({ what: `int ${w}x${x} multiply`, count, pj45: intMultPj45(w, x), um2At45: intMultArea45(w, x) });
const intAdd = (bits: number, what: string, count = 1): PeOperator => ({ what: `${bits}-bit ${what}`, count, pj45: intAddPj45(bits), um2At45: intAddArea45(bits) });
const fp = (op: 'fp16Add' | 'fp16Mult' | 'fp32Add' | 'fp32Mult', what: string): PeOperator => ({ what, count: 1, pj45: e[op], um2At45: a[op] });

/**
 * What each PE kind does per MAC in each precision mode, as operators with published 45 nm costs,
 * following the datapaths of docs/sim-cycle-model.md ("Arithmetic per PE kind"). A PE that fuses kp
 * products per cycle adds them in a tree and accumulates once per cycle, so each MAC carries its share
 * (1/kp) of those adders. Registers, control and mode multiplexers are not counted, for any kind.
 */
export const peOperators: Readonly<Record<string, readonly PeOperator[]>> = {
  // INT8 weight x INT8 activation, INT32 accumulator.
  'int8/w8a8': [intMult(8, 8), intAdd(32, 'accumulate')],
  // One INT8 activation against an INT4 weight (5-bit after the zero point) by shift-and-add, INT32 group partial sum.
  'mixpe-w4a8/w4a8': [intMult(5, 8), intAdd(32, 'group partial sum')],
  // INT4 x FP16 by shift-and-add: the weight bits select shifted copies of the 11-bit significand
  // (an 11x4 integer product), the shift is an exponent addition, then the FP32 group partial sum.
  'mixpe-w4a16/w4a16': [intMult(11, 4), intAdd(5, 'exponent add'), fp('fp32Add', 'FP32 group partial sum')],
  // BitFusion: 2x2 bit-bricks, a shift-add tree per product, the products summed and accumulated once a cycle.
  'bitfusion/w8a8': [intMult(2, 2, 16), intAdd(16, 'shift-add tree', 15), intAdd(32, 'accumulate')],
  'bitfusion/w4a8': [intMult(2, 2, 8), intAdd(12, 'shift-add tree', 7), intAdd(16, 'product sum', 1 / 2), intAdd(32, 'accumulate', 1 / 2)],
  'bitfusion/w4a4': [intMult(2, 2, 4), intAdd(8, 'shift-add tree', 3), intAdd(12, 'product sum', 3 / 4), intAdd(32, 'accumulate', 1 / 4)],
  // ANT: 4-bit units (5-bit signed operands); a 4-bit ANT weight shifts its product by its exponent.
  'ant/w8a8': [intMult(5, 5, 4), intAdd(16, 'slice sum', 3), intAdd(32, 'accumulate')],
  'ant/w4a8': [intMult(5, 5, 2), intAdd(12, 'slice sum'), intAdd(16, 'exponent shift'), intAdd(16, 'product sum', 1 / 2), intAdd(32, 'accumulate', 1 / 2)],
  'ant/w4a4': [intMult(5, 5), intAdd(16, 'exponent shift'), intAdd(16, 'product sum', 3 / 4), intAdd(32, 'accumulate', 1 / 4)],
  // FP16: the FP16 weight (dequantized in the column feeder) x FP16 activation, FP32 accumulate.
  'fp16/w4a16': [fp('fp16Mult', 'FP16 multiply'), fp('fp32Add', 'FP32 accumulate')],
};

/**
 * What the column feeder does per weight it feeds into the array (once per weight per pass):
 * FP16 dequantizes ((q - z) x s in FP16), ANT decodes its 4-bit type, the kinds with a zero point
 * subtract it; symmetric codes go through as they are.
 */
export const feederOperators: Readonly<Record<string, readonly PeOperator[]>> = {
  'int8/w8a8': [intAdd(8, 'zero point')],
  'mixpe-w4a8/w4a8': [intAdd(5, 'zero point')],
  'mixpe-w4a16/w4a16': [intAdd(5, 'zero point')],
  'ant/w8a8': [],
  'ant/w4a8': [intAdd(8, 'type decoder')],
  'ant/w4a4': [intAdd(8, 'type decoder')],
  'bitfusion/w8a8': [],
  'bitfusion/w4a8': [],
  'bitfusion/w4a4': [],
  'fp16/w4a16': [fp('fp16Add', 'dequant: subtract zero point'), fp('fp16Mult', 'dequant: times scale')],
};

function operators(table: Readonly<Record<string, readonly PeOperator[]>>, key: string): readonly PeOperator[] {
  const ops = table[key];
  if (!ops) throw new Error(`no operator decomposition for ${key}`);
  return ops;
}

/** Energy of one MAC at 45 nm (pJ). */
export function macEnergyPj45(key: string): number {
  return operators(peOperators, key).reduce((s, o) => s + o.count * o.pj45, 0);
}

/** Datapath area of one PE at 45 nm (um^2): its widest mode's operators, times its output lanes. */
export function peAreaUm2At45(kind: StudyPeKind): number {
  const modes = allPeModes().filter((k) => k.id === kind);
  const perLane = Math.max(...modes.map((k) => operators(peOperators, energyKey(k)).reduce((s, o) => s + o.count * o.um2At45 * k.kPerCycle, 0)));
  return perLane * modes[0]!.lanes;
}

/** Energy of feeding one weight into the array at 45 nm (pJ). */
export function feederEnergyPj45(key: string): number {
  return operators(feederOperators, key).reduce((s, o) => s + o.count * o.pj45, 0);
}

/**
 * One dequantization of a group partial sum in the column's dequant unit (docs/sim-cycle-model.md):
 * integer kinds form sw x sa (FP16 x FP16), then every kind multiplies in FP32 and adds into the
 * FP32 output accumulator.
 */
export function dequantEnergyPj45(kind: StudyPeKind): number {
  const integer = kind !== 'mixpe-w4a16' && kind !== 'fp16';
  return (integer ? e.fp16Mult : 0) + e.fp32Mult + e.fp32Add;
}
