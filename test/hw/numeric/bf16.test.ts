import { describe, expect, it } from 'vitest';
import { BF16_MAX, BF16_NAN, bf16Add, bf16Compare, bf16FromNumber, bf16IsNaN, bf16Mul, bf16Neg, bf16Sub, bf16ToNumber, createRng } from '../../../hw/index.ts';
import { REF_BF16, makeNearestReference, refAdd, refDecode, refEncode, refFromDouble, refMul, refNeg, refToDouble, type RefValue } from './float-reference.ts';

const ALL = Array.from({ length: 65536 }, (_, h) => h);
const nearest = makeNearestReference(REF_BF16, BF16_NAN);
const refRound = (v: RefValue): number => refEncode(v, REF_BF16, BF16_NAN);
const hex = (h: number): string => `0x${h.toString(16)}`;

describe('bf16 decode and encode, exhaustive', () => {
  it('decodes every encoding to the reference value', () => {
    const wrong = ALL.filter((h) => {
      const ref = refDecode(h, REF_BF16);
      return ref.kind === 'nan' ? !Number.isNaN(bf16ToNumber(h)) : !Object.is(bf16ToNumber(h), refToDouble(ref));
    });
    expect(wrong).toEqual([]);
  });

  it('round-trips every non-NaN encoding; NaNs become the canonical NaN', () => {
    expect(ALL.filter((h) => bf16FromNumber(bf16ToNumber(h)) !== (bf16IsNaN(h) ? BF16_NAN : h))).toEqual([]);
  });

  it('agrees with the FP32 view: a BF16 is the top half of the float32 with the same value', () => {
    const f = new Float32Array(1);
    const u = new Uint32Array(f.buffer);
    const wrong = ALL.filter((h) => {
      if (bf16IsNaN(h)) return false;
      u[0] = h * 65536;
      return f[0] !== bf16ToNumber(h);
    });
    expect(wrong).toEqual([]);
  });

  it('rounds midpoints and near-midpoints between every pair of neighbours like both references', () => {
    const mismatches: number[] = [];
    let evenTies = 0;
    for (let h = 0; h < 0x7f80; h++) {
      const lo = bf16ToNumber(h);
      const hi = h === BF16_MAX ? 2 ** 128 : bf16ToNumber(h + 1);
      const mid = (lo + hi) / 2;
      const quarter = (hi - lo) / 4;
      for (const x of [mid, mid - quarter, mid + quarter, mid * (1 - 2 ** -50), mid * (1 + 2 ** -50)]) {
        for (const signed of [x, -x]) {
          const got = bf16FromNumber(signed);
          if (got !== nearest(signed) || (h % 4 === 0 && got !== refRound(refFromDouble(signed)))) mismatches.push(signed);
        }
      }
      if (bf16FromNumber(mid) % 2 === 0) evenTies++;
    }
    expect(mismatches).toEqual([]);
    expect(evenTies).toBe(0x7f80);
  });
});

describe('bf16 arithmetic against the exact BigInt reference', () => {
  const SPECIAL: number[] = [];
  for (const h of [0x0000, 0x0001, 0x0002, 0x007f, 0x0080, 0x0081, 0x00ff, 0x3f80, 0x3f81, 0x3fc0, 0x4000, 0x7f00, 0x7f7e, 0x7f7f, 0x7f80, 0x7f81, 0x7fc0]) SPECIAL.push(h, h | 0x8000);
  const ops = [
    { name: 'add', impl: bf16Add, ref: refAdd },
    { name: 'sub', impl: bf16Sub, ref: (a: RefValue, b: RefValue) => refAdd(a, refNeg(b)) },
    { name: 'mul', impl: bf16Mul, ref: refMul },
  ];
  for (const op of ops) {
    it(`${op.name}: edge pairs, random pairs, and pairs with wide exponent gaps`, () => {
      const rng = createRng(op.name.charCodeAt(0));
      const pairs: [number, number][] = [];
      for (const a of SPECIAL) for (const b of SPECIAL) pairs.push([a, b]);
      for (let i = 0; i < 30_000; i++) pairs.push([rng.int(0, 65535), rng.int(0, 65535)]);
      // Exponent gaps up to 60 binades: where a double sum is itself rounded before the BF16 rounding.
      for (let i = 0; i < 30_000; i++) {
        const a = rng.int(0, 0x7f7f) | (rng.int(0, 1) << 15);
        const expA = (a >> 7) & 0xff;
        const expB = Math.max(0, expA - rng.int(0, 60));
        pairs.push([a, (rng.int(0, 1) << 15) | (expB << 7) | rng.int(0, 127)]);
      }
      const mismatches = pairs.filter(([a, b]) => op.impl(a, b) !== refRound(op.ref(refDecode(a, REF_BF16), refDecode(b, REF_BF16)))).map(([a, b]) => `${hex(a)},${hex(b)}`);
      expect(mismatches).toEqual([]);
    });
  }

  it('neg flips the sign bit; compare orders by value with NaN unordered', () => {
    expect(bf16Neg(0x3f80)).toBe(0xbf80);
    const rng = createRng(9);
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = rng.int(0, 65535);
      const b = rng.int(0, 65535);
      const [x, y] = [bf16ToNumber(a), bf16ToNumber(b)];
      const want = bf16IsNaN(a) || bf16IsNaN(b) ? NaN : x < y ? -1 : x > y ? 1 : 0;
      if (!Object.is(bf16Compare(a, b), want)) wrong.push(`${hex(a)},${hex(b)}`);
    }
    expect(wrong).toEqual([]);
  });
});
