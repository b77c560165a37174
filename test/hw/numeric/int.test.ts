import { describe, expect, it } from 'vitest';
import { INT2, INT4, INT8, INT32, UINT4, UINT8, accInt32Add, accInt32Mac, clampInt, createRng, intRange, intTypeOf, roundHalfEven, wrapInt, wrapUint } from '../../../hw/index.ts';
import { UserError } from '../../../util/index.ts';

// Reference: BigInt.asIntN / asUintN are exact two's complement wraps on arbitrary integers.
const refWrap = (x: number, bits: number): number => Number(BigInt.asIntN(bits, BigInt(x)));
const refWrapU = (x: number, bits: number): number => Number(BigInt.asUintN(bits, BigInt(x)));

describe('fixed-width integers', () => {
  it('wrapInt / wrapUint equal BigInt wraps: every x in [-5000, 5000] for 1..17 bits, random up to 2^53 for 1..32', () => {
    const wrong: string[] = [];
    for (let bits = 1; bits <= 17; bits++) {
      for (let x = -5000; x <= 5000; x++) {
        if (wrapInt(x, bits) !== refWrap(x, bits) || wrapUint(x, bits) !== refWrapU(x, bits)) wrong.push(`${x}/${bits}`);
      }
    }
    const rng = createRng(1);
    for (let i = 0; i < 100_000; i++) {
      const bits = rng.int(1, 32);
      const x = Math.floor((rng.next() * 2 - 1) * 2 ** rng.int(0, 53));
      if (wrapInt(x, bits) !== refWrap(x, bits) || wrapUint(x, bits) !== refWrapU(x, bits)) wrong.push(`${x}/${bits}`);
    }
    expect(wrong).toEqual([]);
  });

  it('ranges and type constants', () => {
    expect(intRange(4, true)).toEqual({ min: -8, max: 7 });
    expect(intRange(4, false)).toEqual({ min: 0, max: 15 });
    expect(intRange(32, true)).toEqual({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    expect([INT2.min, INT2.max, INT4.min, INT8.max, UINT4.max, UINT8.max, INT32.min]).toEqual([-2, 1, -8, 127, 15, 255, -(2 ** 31)]);
    expect(intTypeOf(6, false).name).toBe('uint6');
    expect(() => intRange(0, true)).toThrow(UserError);
    expect(() => intRange(33, false)).toThrow(UserError);
  });

  it('clampInt saturates into the range for every width 2..8 over [-300, 300]', () => {
    for (let bits = 2; bits <= 8; bits++) {
      for (const signed of [true, false]) {
        const { min, max } = intRange(bits, signed);
        for (let x = -300; x <= 300; x++) expect(clampInt(x, bits, signed)).toBe(Math.min(max, Math.max(min, x)));
      }
    }
  });

  it('the INT32 accumulator wraps modulo 2^32 (no saturation), products included', () => {
    const rng = createRng(2);
    const wrong: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const acc = rng.int(-(2 ** 31), 2 ** 31 - 1);
      const x = rng.int(-(2 ** 31), 2 ** 31 - 1);
      const a = rng.int(-(2 ** 31), 2 ** 31 - 1);
      const b = i % 2 ? rng.int(-128, 127) : rng.int(-(2 ** 31), 2 ** 31 - 1);
      if (accInt32Add(acc, x) !== Number(BigInt.asIntN(32, BigInt(acc) + BigInt(x)))) wrong.push(`add ${acc} ${x}`);
      if (accInt32Mac(acc, a, b) !== Number(BigInt.asIntN(32, BigInt(acc) + BigInt(a) * BigInt(b)))) wrong.push(`mac ${acc} ${a} ${b}`);
    }
    expect(wrong).toEqual([]);
    expect(accInt32Add(2 ** 31 - 1, 1)).toBe(-(2 ** 31));
  });

  it('roundHalfEven rounds to nearest with ties to even, for negative and large values too', () => {
    const cases: [number, number][] = [[0.5, 0], [1.5, 2], [2.5, 2], [-0.5, 0], [-1.5, -2], [-2.5, -2], [2.4999, 2], [-2.5001, -3], [7.5, 8], [2 ** 52 + 1, 2 ** 52 + 1], [-(2 ** 53), -(2 ** 53)]];
    for (const [x, want] of cases) expect(roundHalfEven(x) === want, `${x}`).toBe(true);
    const rng = createRng(3);
    for (let i = 0; i < 10_000; i++) {
      const x = Math.round((rng.next() * 2 - 1) * 1000) / 2; // many exact ties
      const r = roundHalfEven(x);
      const floor = Math.floor(x);
      const want = x - floor < 0.5 ? floor : x - floor > 0.5 ? floor + 1 : floor % 2 === 0 ? floor : floor + 1;
      expect(r === want || (r === 0 && want === 0)).toBe(true);
    }
  });
});
