import { describe, expect, it } from 'vitest';
import { packInt4, unpackInt4 } from '../../../hw/index.ts';
import { UserError } from '../../../util/index.ts';

describe('INT4 packing', () => {
  it('puts element 2i in the low nibble and 2i+1 in the high nibble, exhaustively over all byte values', () => {
    for (const signed of [false, true]) {
      const lo = signed ? -8 : 0;
      for (let a = lo; a < lo + 16; a++) {
        for (let b = lo; b < lo + 16; b++) {
          const packed = packInt4([a, b], signed);
          expect(packed.length).toBe(1);
          expect(packed[0]).toBe(((b & 15) << 4) | (a & 15));
          expect(Array.from(unpackInt4(packed, 2, signed))).toEqual([a, b]);
        }
      }
    }
  });

  it('unpacks every byte to its two nibbles and packs them back (all 256 bytes)', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const signed of [false, true]) {
      const codes = unpackInt4(bytes, 512, signed);
      expect(packInt4(codes, signed)).toEqual(bytes);
    }
  });

  it('pads an odd count with a zero high nibble', () => {
    expect(Array.from(packInt4([1, 2, 3], false))).toEqual([0x21, 0x03]);
    expect(Array.from(unpackInt4(packInt4([-1, 7, -8], true), 3, true))).toEqual([-1, 7, -8]);
  });

  it('rejects values outside the 4-bit range and impossible counts', () => {
    expect(() => packInt4([16], false)).toThrow(UserError);
    expect(() => packInt4([-1], false)).toThrow(UserError);
    expect(() => packInt4([8], true)).toThrow(UserError);
    expect(() => packInt4([0.5], true)).toThrow(UserError);
    expect(() => unpackInt4(new Uint8Array(2), 5, true)).toThrow(UserError);
  });
});
