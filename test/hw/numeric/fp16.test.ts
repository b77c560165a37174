import { describe, expect, it } from 'vitest';
import {
  FP16_MAX,
  FP16_NAN,
  createRng,
  fp16Add,
  fp16Compare,
  fp16FromNumber,
  fp16FromNumberUp,
  fp16IsNaN,
  fp16Ldexp,
  fp16Mul,
  fp16Neg,
  fp16NextUp,
  fp16Sub,
  fp16ToNumber,
} from '../../../hw/index.ts';
import { REF_FP16, makeNearestReference, refAdd, refDecode, refEncode, refFromDouble, refMul, refNeg, refToDouble } from './float-reference.ts';

const ALL = Array.from({ length: 65536 }, (_, h) => h);
const isNaNEncoding = (h: number): boolean => (h & 0x7fff) > 0x7c00;
const nearest = makeNearestReference(REF_FP16, FP16_NAN);
/** The reference result for an arithmetic op, NaN made canonical (the implementation's documented choice). */
const refRound = (x: ReturnType<typeof refDecode>): number => refEncode(x, REF_FP16, FP16_NAN);

/** Encodings that exercise the edges: zeros, subnormals, the normal boundary, 1, max, inf, NaN. */
const SPECIAL: number[] = [];
for (const h of [0x0000, 0x0001, 0x0002, 0x0003, 0x01ff, 0x0200, 0x03fe, 0x03ff, 0x0400, 0x0401, 0x07ff, 0x0800, 0x1000, 0x2000, 0x3bff, 0x3c00, 0x3c01, 0x3e00, 0x4000, 0x5640, 0x7800, 0x7bfe, 0x7bff, 0x7c00, 0x7c01, 0x7e00, 0x7fff]) {
  SPECIAL.push(h, h | 0x8000);
}

describe('fp16 decode and encode, exhaustive', () => {
  it('decodes every encoding to the reference value', () => {
    const wrong = ALL.filter((h) => {
      const ref = refDecode(h, REF_FP16);
      return ref.kind === 'nan' ? !Number.isNaN(fp16ToNumber(h)) : !Object.is(fp16ToNumber(h), refToDouble(ref));
    });
    expect(wrong).toEqual([]);
  });

  it('round-trips every non-NaN encoding and maps every NaN to the canonical NaN', () => {
    expect(ALL.filter((h) => fp16FromNumber(fp16ToNumber(h)) !== (isNaNEncoding(h) ? FP16_NAN : h))).toEqual([]);
  });

  it('rounds every midpoint and near-midpoint between neighbours like the references (BigInt on every 4th)', () => {
    const mismatches: number[] = [];
    let evenTies = 0;
    for (let h = 0; h < 0x7c00; h++) {
      const lo = fp16ToNumber(h);
      // Between h and its successor (for the largest finite value: the would-be next value 2^16).
      const hi = h === FP16_MAX ? 65536 : fp16ToNumber(h + 1);
      const mid = (lo + hi) / 2;
      for (const x of [mid, nextDown(mid), nextUp(mid), (lo + mid) / 2, (mid + hi) / 2]) {
        for (const signed of [x, -x]) {
          const got = fp16FromNumber(signed);
          if (got !== nearest(signed) || (h % 4 === 0 && got !== refEncode(refFromDouble(signed), REF_FP16, FP16_NAN))) mismatches.push(signed);
        }
      }
      // The exact midpoint goes to the even encoding.
      if (fp16FromNumber(mid) % 2 === 0) evenTies++;
    }
    expect(mismatches).toEqual([]);
    expect(evenTies).toBe(0x7c00);
  });

  it('converts random doubles across and beyond the FP16 range like the references', () => {
    const rng = createRng(16);
    const mismatches: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const x = (rng.next() < 0.5 ? -1 : 1) * rng.next() * 2 ** rng.int(-40, 20);
      if (fp16FromNumber(x) !== nearest(x)) mismatches.push(x);
      if (i % 8 === 0 && fp16FromNumber(x) !== refEncode(refFromDouble(x), REF_FP16, FP16_NAN)) mismatches.push(x);
    }
    expect(mismatches).toEqual([]);
    for (const x of [0, -0, Infinity, -Infinity, NaN, 1e300, -1e300, 5e-324, -5e-324, 2 ** -25, 2 ** -25 * 1.0000001, 65519.99, 65520, -65520]) {
      expect(fp16FromNumber(x)).toBe(refEncode(refFromDouble(x), REF_FP16, FP16_NAN));
    }
  });
});

describe('fp16 arithmetic against the exact reference', () => {
  const ops = [
    { name: 'add', impl: fp16Add, ref: refAdd, exact: (a: number, b: number) => a + b },
    { name: 'sub', impl: fp16Sub, ref: (a: ReturnType<typeof refDecode>, b: ReturnType<typeof refDecode>) => refAdd(a, refNeg(b)), exact: (a: number, b: number) => a - b },
    { name: 'mul', impl: fp16Mul, ref: refMul, exact: (a: number, b: number) => a * b },
  ];

  for (const op of ops) {
    it(`${op.name}: every pair of edge encodings (zeros, subnormals, max, inf, NaN)`, () => {
      for (const a of SPECIAL) {
        for (const b of SPECIAL) {
          const want = refRound(op.ref(refDecode(a, REF_FP16), refDecode(b, REF_FP16)));
          expect(op.impl(a, b), `${op.name}(0x${a.toString(16)}, 0x${b.toString(16)})`).toBe(want);
        }
      }
    });

    it(`${op.name}: random pairs, exact BigInt reference`, () => {
      const rng = createRng(op.name.length * 7919);
      const mismatches: string[] = [];
      for (let i = 0; i < 30_000; i++) {
        const a = rng.int(0, 65535);
        const b = rng.int(0, 65535);
        const want = refRound(op.ref(refDecode(a, REF_FP16), refDecode(b, REF_FP16)));
        if (op.impl(a, b) !== want) mismatches.push(`${op.name}(0x${a.toString(16)}, 0x${b.toString(16)})`);
      }
      expect(mismatches).toEqual([]);
    });

    it(`${op.name}: every encoding against 24 random partners, nearest-value reference`, () => {
      // The exact result of two FP16 operands is a double (checked against BigInt above), so the
      // nearest-value search over all FP16 values is a full reference here.
      const rng = createRng(op.name.length * 104729);
      const partners = Array.from({ length: 24 }, () => rng.int(0, 65535));
      for (const b of partners) {
        const vb = fp16ToNumber(b);
        for (let a = 0; a < 65536; a++) {
          const got = op.impl(a, b);
          const want = nearest(op.exact(fp16ToNumber(a), vb));
          if (got !== want) expect(got, `${op.name}(0x${a.toString(16)}, 0x${b.toString(16)})`).toBe(want);
        }
      }
    });
  }

  it('the exact sum and product of two FP16 values is representable as a double', () => {
    const rng = createRng(3);
    for (let i = 0; i < 20_000; i++) {
      const a = rng.int(0, 0x7bff) | (rng.next() < 0.5 ? 0x8000 : 0);
      const b = rng.int(0, 0x7bff) | (rng.next() < 0.5 ? 0x8000 : 0);
      const ra = refDecode(a, REF_FP16);
      const rb = refDecode(b, REF_FP16);
      for (const [exact, double] of [
        [refAdd(ra, rb), fp16ToNumber(a) + fp16ToNumber(b)],
        [refMul(ra, rb), fp16ToNumber(a) * fp16ToNumber(b)],
      ] as const) {
        const back = refFromDouble(double);
        expect(back.kind === 'finite' && exact.kind === 'finite' && back.num * 2n ** BigInt(exact.shift) === exact.num * 2n ** BigInt(back.shift)).toBe(true);
      }
    }
  });
});

describe('fp16 helpers', () => {
  it('ldexp equals the correctly rounded value * 2^k for every encoding and shifts -30..30', () => {
    // value * 2^k is exact in double for these k, so the nearest-value search is a full reference;
    // every 64th encoding is also checked against the BigInt reference.
    const mismatches: string[] = [];
    for (let k = -30; k <= 30; k++) {
      for (let h = 0; h < 65536; h++) {
        const got = fp16Ldexp(h, k);
        const ok =
          got === nearest(fp16ToNumber(h) * 2 ** k) &&
          (h % 64 !== 0 || got === refRound(refMul(refDecode(h, REF_FP16), refFromDouble(2 ** k))));
        if (!ok) mismatches.push(`ldexp(0x${h.toString(16)}, ${k})`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(fp16Ldexp(0x3c00, 1000)).toBe(0x7c00);
    expect(fp16Ldexp(0xbc00, -1000)).toBe(0x8000);
  });

  it('neg flips the sign bit; compare orders by value with NaN unordered', () => {
    expect(fp16Neg(0x3c00)).toBe(0xbc00);
    expect(fp16Neg(0x0000)).toBe(0x8000);
    const rng = createRng(5);
    for (let i = 0; i < 20_000; i++) {
      const a = rng.int(0, 65535);
      const b = rng.int(0, 65535);
      const x = fp16ToNumber(a);
      const y = fp16ToNumber(b);
      const c = fp16Compare(a, b);
      if (fp16IsNaN(a) || fp16IsNaN(b)) expect(c).toBeNaN();
      else expect(c).toBe(x < y ? -1 : x > y ? 1 : 0);
    }
    expect(fp16Compare(0x0000, 0x8000)).toBe(0);
  });

  it('next-up and round-up conversion never go below the input', () => {
    const notAbove = ALL.filter((h) => !fp16IsNaN(h) && h !== 0x7c00 && !(fp16ToNumber(fp16NextUp(h)) > fp16ToNumber(h)));
    expect(notAbove).toEqual([]);
    const rng = createRng(6);
    const wrong: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next() * 2 ** rng.int(-30, 17);
      const h = fp16FromNumberUp(x);
      // At or above x, and the encoding just below (one less, for positive values) is below x.
      if (!(fp16ToNumber(h) >= x) || (h > 0 && !(fp16ToNumber(h - 1) < x))) wrong.push(x);
    }
    expect(wrong).toEqual([]);
  });
});

function nextUp(x: number): number {
  return x + Math.abs(x) * 2 ** -52 || 5e-324;
}
function nextDown(x: number): number {
  return x - Math.abs(x) * 2 ** -52;
}
