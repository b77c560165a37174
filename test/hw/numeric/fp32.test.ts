import { describe, expect, it } from 'vitest';
import { createRng, f32, fp32Add, fp32FromBits, fp32Mul, fp32Sub, fp32ToBits, isFloat32 } from '../../../hw/index.ts';
import { REF_FP32, refAdd, refDecode, refEncode, refMul, refNeg, refToDouble, type RefValue } from './float-reference.ts';

const FP32_NAN = 0x7fc00000;
/** Random float32 encodings biased to the interesting places: all exponents, subnormals, near max. */
function randomBits(rng: ReturnType<typeof createRng>): number {
  const sign = rng.int(0, 1) * 2 ** 31;
  const r = rng.next();
  const exp = r < 0.1 ? 0 : r < 0.15 ? 254 : r < 0.17 ? 255 : rng.int(1, 254);
  return sign + exp * 2 ** 23 + rng.int(0, 2 ** 23 - 1);
}
const bitsOf = (x: number): number => (Number.isNaN(x) ? FP32_NAN : fp32ToBits(x));
const valueOf = (v: RefValue): number => fp32FromBits(refEncode(v, REF_FP32, FP32_NAN));

describe('fp32 accumulator semantics', () => {
  it('bits round-trip and decode like the reference', () => {
    const rng = createRng(32);
    const wrong: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const bits = randomBits(rng);
      const x = fp32FromBits(bits);
      const ref = refDecode(bits, REF_FP32);
      if (ref.kind === 'nan' ? !Number.isNaN(x) : !Object.is(x, refToDouble(ref)) || fp32ToBits(x) !== bits) wrong.push(bits);
      if (!Number.isNaN(x) && (!isFloat32(x) || f32(x) !== x)) wrong.push(bits);
    }
    expect(wrong).toEqual([]);
    expect(isFloat32(0.1)).toBe(false);
  });

  const ops = [
    { name: 'add', impl: fp32Add, ref: refAdd },
    { name: 'sub', impl: fp32Sub, ref: (a: RefValue, b: RefValue) => refAdd(a, refNeg(b)) },
    { name: 'mul', impl: fp32Mul, ref: refMul },
  ];
  for (const op of ops) {
    it(`${op.name} is correctly rounded (random pairs, wide exponent gaps, subnormals)`, () => {
      const rng = createRng(op.name.charCodeAt(1));
      const wrong: string[] = [];
      for (let i = 0; i < 40_000; i++) {
        const a = randomBits(rng);
        // Half the pairs put b within 0..40 binades of a, where sums round in double first.
        const expB = Math.max(0, Math.floor(a / 2 ** 23) % 256 - rng.int(0, 40));
        const bb = i % 2 === 0 ? randomBits(rng) : rng.int(0, 1) * 2 ** 31 + Math.min(expB, 254) * 2 ** 23 + rng.int(0, 2 ** 23 - 1);
        const got = bitsOf(op.impl(fp32FromBits(a), fp32FromBits(bb)));
        const want = bitsOf(valueOf(op.ref(refDecode(a, REF_FP32), refDecode(bb, REF_FP32))));
        if (got !== want) wrong.push(`${a.toString(16)} ${bb.toString(16)}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
