/**
 * The 4-bit numeric types of ANT (Guo et al., "ANT: Exploiting Adaptive Numerical Data Type for
 * Low-bit Deep Neural Network Quantization", MICRO 2022; code: github.com/clevercool/ANT-Quantization).
 * Every type decodes a 4-bit code to an INTEGER, so the ANT PE multiplies and accumulates integers
 * and applies the (FP16) scale afterwards, like an INT PE.
 *
 * - int4: unsigned 0..15; signed two's complement -8..7.
 * - flint4 (float-int): values of small magnitude are spaced like integers, large ones like floats.
 *   Unsigned, 4 value bits: codes 0xxx decode to the integer 0..7; in the upper half the count of
 *   leading ones after the MSB picks the exponent (first-one/first-zero encoding) and the remaining
 *   bits are the mantissa: 10mm -> 8 + 2*mm (8, 10, 12, 14), 110m -> 16 + 8*m (16, 24), 1110 -> 32,
 *   1111 -> 64. Signed: sign bit + the same rule over 3 magnitude bits: 0mm -> 0..3, 10m -> 4, 6,
 *   110 -> 8, 111 -> 16. These are ANT's `flint_value` grids scaled to integers.
 * - pot4 (power of two): code 0 is zero, code c > 0 is 2^(c-1). Unsigned: 1 .. 2^14; signed: sign
 *   bit + 3 magnitude bits, 1 .. 64.
 * Signed flint4 and pot4 are sign-magnitude (code 0b1000 is -0 and decodes to 0).
 */

export const ANT_TYPE_NAMES = ['int4', 'flint4', 'pot4'] as const;
export type AntTypeName = (typeof ANT_TYPE_NAMES)[number];

export interface AntType {
  readonly name: AntTypeName;
  readonly signed: boolean;
  /** decode[code] is the integer value of the 4-bit code 0..15. */
  readonly decode: Int32Array;
  /** The largest positive value: a group's absolute maximum maps here when it picks its scale. */
  readonly maxValue: number;
  /** Distinct values ascending, and for each the code that encodes it (the lower code on duplicates). */
  readonly levels: Float64Array;
  readonly levelCodes: Uint8Array;
}

const UNSIGNED_FLINT = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 24, 32, 64];
const SIGNED_FLINT_MAGNITUDE = [0, 1, 2, 3, 4, 6, 8, 16];

function decodeTable(name: AntTypeName, signed: boolean): Int32Array {
  const table = new Int32Array(16);
  for (let code = 0; code < 16; code++) {
    const magnitudeCode = code & 7;
    const negative = (code & 8) !== 0;
    switch (name) {
      case 'int4':
        table[code] = signed && negative ? code - 16 : code;
        break;
      case 'flint4':
        table[code] = signed ? (negative ? -1 : 1) * SIGNED_FLINT_MAGNITUDE[magnitudeCode]! : UNSIGNED_FLINT[code]!;
        break;
      case 'pot4': {
        const c = signed ? magnitudeCode : code;
        const magnitude = c === 0 ? 0 : 2 ** (c - 1);
        table[code] = signed && negative ? -magnitude : magnitude;
        break;
      }
    }
  }
  return table;
}

function buildType(name: AntTypeName, signed: boolean): AntType {
  const decode = decodeTable(name, signed);
  const byValue = new Map<number, number>();
  for (let code = 15; code >= 0; code--) byValue.set(decode[code]!, code);
  const levels = Float64Array.from([...byValue.keys()].sort((a, b) => a - b));
  const levelCodes = Uint8Array.from(levels, (v) => byValue.get(v)!);
  return Object.freeze({ name, signed, decode, maxValue: levels[levels.length - 1]!, levels, levelCodes });
}

const TYPES = new Map<string, AntType>();
for (const name of ANT_TYPE_NAMES) for (const signed of [false, true]) TYPES.set(`${name}/${signed}`, buildType(name, signed));

export function antType(name: AntTypeName, signed: boolean): AntType {
  return TYPES.get(`${name}/${signed}`)!;
}

/**
 * The code whose value is nearest to `t` (a real number in units of the type's integers). Values
 * beyond the ends saturate; a tie between two neighbours goes to the smaller magnitude, so signed
 * sign-magnitude types quantize -t to minus the value of t.
 */
export function antEncode(type: AntType, t: number): number {
  const { levels, levelCodes } = type;
  let lo = 0;
  let hi = levels.length - 1;
  if (t <= levels[lo]!) return levelCodes[lo]!;
  if (t >= levels[hi]!) return levelCodes[hi]!;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (levels[mid]! <= t) lo = mid;
    else hi = mid;
  }
  const below = t - levels[lo]!;
  const above = levels[hi]! - t;
  if (below < above) return levelCodes[lo]!;
  if (above < below) return levelCodes[hi]!;
  return Math.abs(levels[lo]!) <= Math.abs(levels[hi]!) ? levelCodes[lo]! : levelCodes[hi]!;
}
