import { horowitz45nm, intAddArea45, intAddPj45, intMultArea45, intMultPj45 } from './horowitz-45nm.ts';

/** The PE kinds of the MixPE comparison (the ids hw/pe uses). */
export const studyPeKinds = ['mixpe-w4a8', 'mixpe-w4a16', 'int8', 'ant', 'bitfusion', 'fp16'] as const;
export type StudyPeKind = (typeof studyPeKinds)[number];

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
 * What each PE kind does per MAC, as operators with published 45 nm costs, following the
 * datapaths of docs/sim-cycle-model.md ("Arithmetic per PE kind"). Registers and control are not
 * counted, for any kind.
 */
export const peOperators: Readonly<Record<StudyPeKind, readonly PeOperator[]>> = {
  // INT8 weight x INT8 activation, INT32 accumulator.
  int8: [intMult(8, 8), intAdd(32, 'accumulate')],
  // INT4 weight (5-bit after the zero point) x INT8 activation, INT32 group partial sum.
  'mixpe-w4a8': [intMult(5, 8), intAdd(32, 'group partial sum')],
  // INT4 x FP16 by shift-and-add: the weight bits select shifted copies of the 11-bit significand
  // (an 11x4 integer product), the shift is an exponent addition, then the FP32 group partial sum.
  'mixpe-w4a16': [intMult(11, 4), intAdd(5, 'exponent add'), fp('fp32Add', 'FP32 group partial sum')],
  // ANT: the 4-bit type (int4/flint4/pot4) decodes to a 4-bit significand and a shift, so the
  // product is a 4x8 multiply and a shifter (as in the ANT PE), then INT32 accumulate.
  ant: [intMult(4, 8), intAdd(16, 'exponent shift'), intAdd(32, 'accumulate')],
  // BitFusion: a 4x8 product from eight 2x2 bit-bricks (16 bricks give two products per cycle),
  // a shift-add tree of 7 adders (~12 bits) per product, INT32 accumulate.
  bitfusion: [intMult(2, 2, 8), intAdd(12, 'shift-add tree', 7), intAdd(32, 'accumulate')],
  // FP16: the FP16 weight (dequantized in the column feeder) x FP16 activation, FP32 accumulate.
  fp16: [fp('fp16Mult', 'FP16 multiply'), fp('fp32Add', 'FP32 accumulate')],
};

/**
 * What the column feeder does per weight it feeds into the array (once per weight per pass):
 * FP16 dequantizes ((q - z) x s in FP16), ANT decodes its 4-bit type, the other integer kinds
 * subtract the zero point.
 */
export const feederOperators: Readonly<Record<StudyPeKind, readonly PeOperator[]>> = {
  int8: [intAdd(8, 'zero point')],
  'mixpe-w4a8': [intAdd(5, 'zero point')],
  'mixpe-w4a16': [intAdd(5, 'zero point')],
  ant: [intAdd(8, 'type decoder and zero point')],
  bitfusion: [],
  fp16: [fp('fp16Add', 'dequant: subtract zero point'), fp('fp16Mult', 'dequant: times scale')],
};

/** Energy of one MAC at 45 nm (pJ). */
export function macEnergyPj45(kind: StudyPeKind): number {
  return peOperators[kind].reduce((s, o) => s + o.count * o.pj45, 0);
}

/** Datapath area of one PE at 45 nm (um^2). */
export function peAreaUm2At45(kind: StudyPeKind): number {
  return peOperators[kind].reduce((s, o) => s + o.count * o.um2At45, 0);
}

/** Energy of feeding one weight into the array at 45 nm (pJ). */
export function feederEnergyPj45(kind: StudyPeKind): number {
  return feederOperators[kind].reduce((s, o) => s + o.count * o.pj45, 0);
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
