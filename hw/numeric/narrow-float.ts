/**
 * The IEEE-style 16-bit float formats (FP16 = 1/5/10, BF16 = 1/8/7) share one encoder and one
 * decode-table builder, parameterised by the field widths. Encodings are held in plain JS numbers
 * (0..65535); decoding is one typed-array load.
 */
import { doubleHi, doubleLo, roundHalfEvenSmall, splitDouble } from './double-bits.ts';

export interface NarrowFloatLayout {
  /** Exponent field width in bits. */
  expBits: number;
  /** Stored mantissa (fraction) width in bits; at most 19 so the rounding point lies in the high word. */
  mantBits: number;
}

/** The constants of a layout, derived once. */
export interface NarrowFloatConstants {
  bias: number;
  signBit: number;
  /** Encoding of +infinity (all exponent bits set, zero mantissa). */
  posInf: number;
  /** The canonical quiet NaN: exponent all ones, top mantissa bit set, sign clear. */
  nan: number;
  /** Largest finite positive encoding. */
  maxFinite: number;
}

export function narrowFloatConstants({ expBits, mantBits }: NarrowFloatLayout): NarrowFloatConstants {
  const posInf = ((1 << expBits) - 1) << mantBits;
  return {
    bias: (1 << (expBits - 1)) - 1,
    signBit: 1 << (expBits + mantBits),
    posInf,
    nan: posInf | (1 << (mantBits - 1)),
    maxFinite: posInf - 1,
  };
}

/**
 * Builds `fromNumber(x)`: the encoding nearest to the float64 `x`, ties to even, with gradual
 * underflow to subnormals, overflow to infinity and every NaN to the canonical NaN.
 *
 * Normal results are rounded on the double's own bit fields (keep the top `mantBits` of the
 * mantissa; round up when the dropped bits exceed half, or equal half with an odd kept part; a
 * carry ripples into the exponent and, past the largest finite value, into infinity). Subnormal
 * results are the magnitude scaled to units of the smallest subnormal, rounded to an integer.
 */
export function makeNarrowFloatEncoder(layout: NarrowFloatLayout): (x: number) => number {
  const { mantBits } = layout;
  const { bias, signBit, posInf, nan } = narrowFloatConstants(layout);
  const emin = 1 - bias;
  const dropBits = 20 - mantBits;
  const half = 1 << (dropBits - 1);
  const restMask = (1 << dropBits) - 1;
  const toSubnormalUnits = 2 ** (mantBits - emin);
  return function fromNumber(x: number): number {
    splitDouble(x);
    const hi = doubleHi();
    const sign = hi >>> 31 === 0 ? 0 : signBit;
    const exp64 = (hi >>> 20) & 0x7ff;
    if (exp64 === 0x7ff) return (hi & 0xfffff) !== 0 || doubleLo() !== 0 ? nan : sign | posInf;
    const e = exp64 - 1023;
    if (e > bias) return sign | posInf;
    if (e >= emin) {
      const mantHi = hi & 0xfffff;
      const kept = mantHi >>> dropBits;
      const rest = mantHi & restMask;
      const encoded = sign | ((e + bias) << mantBits) | kept;
      const roundUp = rest > half || (rest === half && (doubleLo() !== 0 || (kept & 1) !== 0));
      return roundUp ? encoded + 1 : encoded;
    }
    // Below the normal range (this includes zero): a count of smallest subnormals, which may round
    // up to the first normal encoding, whose bit pattern is that same count.
    return sign | roundHalfEvenSmall((x < 0 ? -x : x) * toSubnormalUnits);
  };
}

/** Decodes every one of the 2^(1+expBits+mantBits) encodings into a table indexed by encoding. */
export function buildNarrowFloatTable(layout: NarrowFloatLayout): Float64Array {
  const { expBits, mantBits } = layout;
  const { bias } = narrowFloatConstants(layout);
  const size = 1 << (1 + expBits + mantBits);
  const table = new Float64Array(size);
  const expMax = (1 << expBits) - 1;
  for (let h = 0; h < size; h++) {
    const negative = h >>> (expBits + mantBits) !== 0;
    const exp = (h >>> mantBits) & expMax;
    const mant = h & ((1 << mantBits) - 1);
    let magnitude: number;
    if (exp === expMax) magnitude = mant === 0 ? Infinity : NaN;
    else if (exp === 0) magnitude = mant * 2 ** (1 - bias - mantBits);
    else magnitude = (mant + (1 << mantBits)) * 2 ** (exp - bias - mantBits);
    table[h] = negative ? -magnitude : magnitude;
  }
  return table;
}

/** The operations every 16-bit float format offers, bound to that format's table and encoder. */
export interface NarrowFloatOps {
  fromNumber(x: number): number;
  toNumber(h: number): number;
  add(a: number, b: number): number;
  sub(a: number, b: number): number;
  mul(a: number, b: number): number;
  neg(h: number): number;
  isNaN(h: number): boolean;
  compare(a: number, b: number): number;
}

/**
 * Builds the operations of a format. Arithmetic computes the exact (or innocuously rounded, see the
 * format's file) double result of the decoded operands and rounds it once with `fromNumber`.
 */
export function makeNarrowFloatOps(layout: NarrowFloatLayout): NarrowFloatOps {
  const fromNumber = makeNarrowFloatEncoder(layout);
  const values = buildNarrowFloatTable(layout);
  const { signBit, posInf } = narrowFloatConstants(layout);
  const magnitudeMask = signBit - 1;
  return {
    fromNumber,
    toNumber: (h) => values[h]!,
    add: (a, b) => fromNumber(values[a]! + values[b]!),
    sub: (a, b) => fromNumber(values[a]! - values[b]!),
    mul: (a, b) => fromNumber(values[a]! * values[b]!),
    neg: (h) => h ^ signBit,
    isNaN: (h) => (h & magnitudeMask) > posInf,
    compare: (a, b) => {
      const x = values[a]!;
      const y = values[b]!;
      if (x < y) return -1;
      if (x > y) return 1;
      return x === y ? 0 : NaN;
    },
  };
}
