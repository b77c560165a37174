/**
 * An independent reference for binary floating-point formats, written with exact BigInt rationals
 * (value = num * 2^-shift) and the textbook IEEE rules. It shares no code with hw/numeric: no bit
 * tricks on doubles, no lookup tables, no magic-constant rounding.
 */

export interface RefFormat {
  readonly expBits: number;
  readonly mantBits: number;
}

export const REF_FP16: RefFormat = { expBits: 5, mantBits: 10 };
export const REF_BF16: RefFormat = { expBits: 8, mantBits: 7 };
export const REF_FP32: RefFormat = { expBits: 8, mantBits: 23 };

/** A finite exact value, or one of the IEEE specials. */
export type RefValue =
  | { kind: 'finite'; negative: boolean; num: bigint; shift: number }
  | { kind: 'inf'; negative: boolean }
  | { kind: 'nan' };

const bias = (f: RefFormat): number => 2 ** (f.expBits - 1) - 1;

/** The exact value of a double, found by doubling until it is an integer. */
export function refFromDouble(x: number): RefValue {
  if (Number.isNaN(x)) return { kind: 'nan' };
  if (x === Infinity || x === -Infinity) return { kind: 'inf', negative: x < 0 };
  const negative = x < 0 || Object.is(x, -0);
  let y = Math.abs(x);
  let shift = 0;
  while (!Number.isInteger(y)) {
    y *= 2;
    shift++;
  }
  return { kind: 'finite', negative, num: BigInt(y), shift };
}

/** The double of an exact value; exact when the numerator has at most 53 significant bits. */
export function refToDouble(v: RefValue): number {
  if (v.kind === 'nan') return NaN;
  if (v.kind === 'inf') return v.negative ? -Infinity : Infinity;
  const magnitude = Number(v.num) * 2 ** -v.shift;
  return v.negative ? -magnitude : magnitude;
}

/** Field-by-field decoding of an encoding of format `f`. */
export function refDecode(h: number, f: RefFormat): RefValue {
  const negative = Math.floor(h / 2 ** (f.expBits + f.mantBits)) === 1;
  const exp = Math.floor(h / 2 ** f.mantBits) % 2 ** f.expBits;
  const mant = h % 2 ** f.mantBits;
  if (exp === 2 ** f.expBits - 1) return mant === 0 ? { kind: 'inf', negative } : { kind: 'nan' };
  if (exp === 0) return { kind: 'finite', negative, num: BigInt(mant), shift: bias(f) - 1 + f.mantBits };
  // (2^m + mant) * 2^(exp - bias - m), written with a non-negative shift by scaling the integer.
  const e = exp - bias(f) - f.mantBits;
  const sig = BigInt(2 ** f.mantBits + mant);
  return e >= 0 ? { kind: 'finite', negative, num: sig << BigInt(e), shift: 0 } : { kind: 'finite', negative, num: sig, shift: -e };
}

/** Correct rounding (nearest, ties to even) of an exact value into format `f`; NaN -> `nanEncoding`. */
export function refEncode(v: RefValue, f: RefFormat, nanEncoding: number): number {
  const signBit = 2 ** (f.expBits + f.mantBits);
  const infBits = (2 ** f.expBits - 1) * 2 ** f.mantBits;
  if (v.kind === 'nan') return nanEncoding;
  const sign = v.negative ? signBit : 0;
  if (v.kind === 'inf') return sign + infBits;
  if (v.num === 0n) return sign;
  const emin = 1 - bias(f);
  const e = v.num.toString(2).length - 1 - v.shift; // floor(log2 |value|)
  let quantumExp = Math.max(e, emin) - f.mantBits;
  const d = v.shift + quantumExp; // |value| / 2^quantumExp = num / 2^d
  let m: bigint;
  if (d <= 0) m = v.num << BigInt(-d);
  else {
    m = v.num >> BigInt(d);
    const rest = v.num - (m << BigInt(d));
    const half = 1n << BigInt(d - 1);
    if (rest > half || (rest === half && m % 2n === 1n)) m += 1n;
  }
  if (m === 0n) return sign;
  const hidden = BigInt(2 ** f.mantBits);
  if (m === 2n * hidden) {
    m = hidden;
    quantumExp++;
  }
  if (m < hidden) return sign + Number(m); // subnormal
  const exponent = quantumExp + f.mantBits;
  if (exponent > bias(f)) return sign + infBits;
  return sign + (exponent + bias(f)) * 2 ** f.mantBits + Number(m - hidden);
}

function align(a: { num: bigint; shift: number; negative: boolean }, shift: number): bigint {
  const n = a.num << BigInt(shift - a.shift);
  return a.negative ? -n : n;
}

/** Exact IEEE sum (zero sign: -0 only when both addends are -0 under round-to-nearest). */
export function refAdd(a: RefValue, b: RefValue): RefValue {
  if (a.kind === 'nan' || b.kind === 'nan') return { kind: 'nan' };
  if (a.kind === 'inf' && b.kind === 'inf') return a.negative === b.negative ? a : { kind: 'nan' };
  if (a.kind === 'inf') return a;
  if (b.kind === 'inf') return b;
  const shift = Math.max(a.shift, b.shift);
  const sum = align(a, shift) + align(b, shift);
  if (sum === 0n) return { kind: 'finite', negative: a.negative && b.negative, num: 0n, shift: 0 };
  return { kind: 'finite', negative: sum < 0n, num: sum < 0n ? -sum : sum, shift };
}

export function refNeg(a: RefValue): RefValue {
  return a.kind === 'nan' ? a : { ...a, negative: !a.negative };
}

/** Exact IEEE product (inf * 0 is NaN; the sign is the XOR of the signs). */
export function refMul(a: RefValue, b: RefValue): RefValue {
  if (a.kind === 'nan' || b.kind === 'nan') return { kind: 'nan' };
  const negative = a.negative !== b.negative;
  const isZero = (v: RefValue): boolean => v.kind === 'finite' && v.num === 0n;
  if (a.kind === 'inf' || b.kind === 'inf') return isZero(a) || isZero(b) ? { kind: 'nan' } : { kind: 'inf', negative };
  return { kind: 'finite', negative, num: a.num * b.num, shift: a.shift + b.shift };
}

/**
 * A second, faster reference for doubles: binary search among the sorted positive finite values of
 * a 16-bit format (its encodings 0..max, which order like the values), nearest wins, a tie goes to
 * the even encoding, and past the largest finite value the next power of two (infinity) competes.
 */
export function makeNearestReference(f: RefFormat, nanEncoding: number): (x: number) => number {
  const signBit = 2 ** (f.expBits + f.mantBits);
  const infBits = (2 ** f.expBits - 1) * 2 ** f.mantBits;
  const values: number[] = [];
  for (let h = 0; h < infBits; h++) values.push(refToDouble(refDecode(h, f)));
  const beyondMax = 2 ** (bias(f) + 1);
  return (x: number): number => {
    if (Number.isNaN(x)) return nanEncoding;
    const sign = x < 0 || Object.is(x, -0) ? signBit : 0;
    const a = Math.abs(x);
    let lo = 0;
    let hi = values.length - 1;
    if (a >= values[hi]!) {
      if (a === values[hi]) return sign + hi;
      return a - values[hi]! >= beyondMax - a ? sign + infBits : sign + hi;
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (values[mid]! <= a) lo = mid;
      else hi = mid;
    }
    const below = a - values[lo]!;
    const above = values[hi]! - a;
    if (below < above) return sign + lo;
    if (above < below) return sign + hi;
    return sign + (lo % 2 === 0 ? lo : hi);
  };
}
