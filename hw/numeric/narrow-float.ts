/**
 * The IEEE-style 16-bit float formats (FP16 = 1/5/10, BF16 = 1/8/7) share one encoder and one
 * decode-table builder, parameterised by the field widths. Encodings are held in plain JS numbers
 * (0..65535); decoding is one typed-array load.
 */
import { roundHalfEvenSmall } from './double-bits.ts';

// The encoder reads the double's bit fields through this module-local scratch buffer. It must stay
// local: reading typed arrays imported from another module measured about 5x slower here (under tsx).
const DOUBLE_SCRATCH = new Float64Array(1);
const DOUBLE_WORDS = new Uint32Array(DOUBLE_SCRATCH.buffer);
DOUBLE_SCRATCH[0] = 1;
/** Index of the word with the sign, the 11 exponent bits and the top 20 mantissa bits (platform byte order). */
const HI_WORD = DOUBLE_WORDS[1] === 0x3ff00000 ? 1 : 0;
const LO_WORD = 1 - HI_WORD;

export interface NarrowFloatLayout {
  /** Exponent field width in bits. */
  expBits: number;
  /** Stored mantissa (fraction) width in bits; at most 19 so the rounding point lies in the high word. */
  mantBits: number;
}

/**
 * The encoding nearest to the float64 `x`, ties to even, with gradual underflow to subnormals,
 * overflow to infinity and every NaN to the canonical `nan`. Call it with LITERAL layout constants
 * from a one-line per-format wrapper (see fp16.ts): V8 inlines it there and folds the constants,
 * which a shared closure over the constants does not allow (measured 3-4x slower).
 *
 * Normal results are rounded on the double's own bit fields (keep the top `mantBits` of the
 * mantissa; round up when the dropped `20 - mantBits` high-word bits plus the low word exceed half,
 * or equal half with an odd kept part; a carry ripples into the exponent and, past the largest
 * finite value, into infinity). Subnormal results are the magnitude in units of the smallest
 * subnormal (`subnormalUnits` = 2^(mantBits + bias - 1)), rounded to an integer.
 */
export function encodeNarrowFloat(
  x: number,
  mantBits: number,
  bias: number,
  signBit: number,
  posInf: number,
  nan: number,
  subnormalUnits: number,
): number {
  DOUBLE_SCRATCH[0] = x;
  const hi = DOUBLE_WORDS[HI_WORD]!;
  const sign = hi >>> 31 === 0 ? 0 : signBit;
  const exp64 = (hi >>> 20) & 0x7ff;
  if (exp64 === 0x7ff) return (hi & 0xfffff) !== 0 || DOUBLE_WORDS[LO_WORD] !== 0 ? nan : sign | posInf;
  const e = exp64 - 1023;
  if (e > bias) return sign | posInf;
  if (e >= 1 - bias) {
    const dropBits = 20 - mantBits;
    const half = 1 << (dropBits - 1);
    const mantHi = hi & 0xfffff;
    const kept = mantHi >>> dropBits;
    const rest = mantHi & (2 * half - 1);
    const encoded = sign | ((e + bias) << mantBits) | kept;
    const roundUp = rest > half || (rest === half && (DOUBLE_WORDS[LO_WORD] !== 0 || (kept & 1) !== 0));
    return roundUp ? encoded + 1 : encoded;
  }
  // Below the normal range (this includes zero): a count of smallest subnormals, which may round
  // up to the first normal encoding, whose bit pattern is that same count.
  return sign | roundHalfEvenSmall((x < 0 ? -x : x) * subnormalUnits);
}

/** Decodes every one of the 2^(1+expBits+mantBits) encodings into a table indexed by encoding. */
export function buildNarrowFloatTable(layout: NarrowFloatLayout): Float64Array {
  const { expBits, mantBits } = layout;
  const bias = (1 << (expBits - 1)) - 1;
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

