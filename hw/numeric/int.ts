/**
 * Fixed-width integers as the datapaths hold them. Values are JS numbers; wrapping is exact for any
 * integer input up to 2^53 because the bit operators first reduce modulo 2^32 (ToInt32).
 *
 * Accumulator choice: the INT32 accumulators WRAP (two's complement, modulo 2^32) and never
 * saturate, as a plain adder register does. The sizing argument that makes overflow impossible in
 * practice: an INT8 x INT8 product is below 2^14 in magnitude, so a 32-bit accumulator takes at
 * least 2^17 of them; INT4 x INT8 products (< 2^10) allow 2^21.
 */
import { UserError } from '../../util/index.ts';

export interface IntType {
  readonly name: string;
  readonly bits: number;
  readonly signed: boolean;
  readonly min: number;
  readonly max: number;
}

function intType(bits: number, signed: boolean): IntType {
  const { min, max } = intRange(bits, signed);
  return Object.freeze({ name: `${signed ? 'int' : 'uint'}${bits}`, bits, signed, min, max });
}

/** The representable range of a `bits`-wide integer (1..32 bits). */
export function intRange(bits: number, signed: boolean): { min: number; max: number } {
  if (!Number.isInteger(bits) || bits < 1 || bits > 32) {
    throw new UserError(`integer width ${bits} is out of range`, 'bits', 'use a width from 1 to 32');
  }
  return signed ? { min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 } : { min: 0, max: 2 ** bits - 1 };
}

export const INT2 = intType(2, true);
export const INT3 = intType(3, true);
export const INT4 = intType(4, true);
export const INT5 = intType(5, true);
export const INT6 = intType(6, true);
export const INT7 = intType(7, true);
export const INT8 = intType(8, true);
export const UINT2 = intType(2, false);
export const UINT3 = intType(3, false);
export const UINT4 = intType(4, false);
export const UINT5 = intType(5, false);
export const UINT6 = intType(6, false);
export const UINT7 = intType(7, false);
export const UINT8 = intType(8, false);
export const INT32 = intType(32, true);

/** The signed/unsigned integer type of a given width (1..32). */
export function intTypeOf(bits: number, signed: boolean): IntType {
  return intType(bits, signed);
}

/** Two's complement wrap of integer `x` into a signed `bits`-wide value (1..32). */
export function wrapInt(x: number, bits: number): number {
  const shift = 32 - bits;
  return (x << shift) >> shift;
}

/** Wrap of integer `x` into an unsigned `bits`-wide value (1..32), i.e. x mod 2^bits. */
export function wrapUint(x: number, bits: number): number {
  return bits === 32 ? x >>> 0 : x & ((1 << bits) - 1);
}

/** Saturates integer `x` into the signed or unsigned `bits`-wide range. */
export function clampInt(x: number, bits: number, signed: boolean): number {
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  return x < min ? min : x > max ? max : x;
}

/** INT32 accumulator add, wrapping modulo 2^32 (no saturation). */
export function accInt32Add(acc: number, x: number): number {
  return (acc + x) | 0;
}

/** INT32 multiply-accumulate `acc + a*b`, wrapping; the product is taken modulo 2^32 as well. */
export function accInt32Mac(acc: number, a: number, b: number): number {
  return (acc + Math.imul(a, b)) | 0;
}
