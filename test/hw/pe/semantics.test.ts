// The scalar PE semantics against plain math: shift-and-add exhaustively over every FP16
// activation and every 5-bit weight operand, the feeders, the MAC and the dequant chain.
import { describe, expect, it } from 'vitest';
import {
  accumulateOutput,
  allPeModes,
  fp16FromNumber,
  fp16ToNumber,
  groupContribution,
  macsPerCycle,
  PE_KIND_IDS,
  peKind,
  peMac,
  quantizeWeights,
  dequantizeWeightsFp16,
  shiftAddProduct,
  weightOperand,
  createRng,
} from '../../../hw/index.ts';
import { UserError } from '../../../util/index.ts';

describe('shiftAddProduct (mixpe-w4a16)', () => {
  it('equals w * x exactly for every FP16 encoding and every w in [-15, 15]', () => {
    let checked = 0;
    for (let h = 0; h < 65536; h++) {
      const x = fp16ToNumber(h);
      for (let w = -15; w <= 15; w++) {
        const got = shiftAddProduct(w, h);
        const want = w * x;
        if (!(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)) || (got === 0 && want === 0))) {
          throw new Error(`w=${w} x=${x}: ${got} != ${want}`);
        }
        checked++;
      }
    }
    expect(checked).toBe(65536 * 31);
  });
});

describe('weight feeders', () => {
  it('fp16 kind dequantizes exactly as hw/quant dequantizeWeightsFp16', () => {
    const rng = createRng(3);
    const w = Float64Array.from({ length: 64 * 8 }, () => rng.normal());
    const q = quantizeWeights(w, 64, 8, { bits: 4, groupSize: 32, scheme: 'asymmetric' });
    const ref = dequantizeWeightsFp16(q);
    const fp16 = peKind('fp16');
    for (let k = 0; k < 64; k++) {
      for (let n = 0; n < 8; n++) {
        const gi = Math.floor(k / 32) * 8 + n;
        expect(weightOperand(fp16, q.codes[k * 8 + n]!, q.zeros[gi]!, q.scales[gi]!)).toBe(fp16ToNumber(ref[k * 8 + n]!));
      }
    }
  });

  it('integer kinds subtract the zero point', () => {
    expect(weightOperand(peKind('mixpe-w4a8'), 3, 9, 0x3c00)).toBe(-6);
    expect(weightOperand(peKind('int8'), -100, 0, 0x3c00)).toBe(-100);
  });
});

describe('peMac and the dequant chain', () => {
  it('integer MAC is exact and wraps like a 32-bit register', () => {
    const k = peKind('mixpe-w4a8');
    expect(peMac(k, 1000, -15, 127)).toBe(1000 - 1905);
    expect(peMac(k, 2 ** 31 - 1, 1, 1)).toBe(-(2 ** 31));
  });

  it('FP MAC rounds once per add to FP32', () => {
    const k = peKind('fp16');
    const x = fp16FromNumber(1 / 3);
    expect(peMac(k, 1, 3, x)).toBe(Math.fround(1 + 3 * fp16ToNumber(x)));
    expect(peMac(peKind('mixpe-w4a16'), 0.1, -7, x)).toBe(Math.fround(0.1 + -7 * fp16ToNumber(x)));
  });

  it('group contribution: fp32(fp32(P) * fp32(sw * sa)) for INT8 activations, P * sw for FP16, P for fp16 kind', () => {
    const sw = fp16FromNumber(0.0123);
    const sa = fp16FromNumber(0.077);
    const P = 16777217; // not representable in FP32: exercises the conversion rounding
    const sp = Math.fround(fp16ToNumber(sw) * fp16ToNumber(sa));
    expect(sp).toBe(fp16ToNumber(sw) * fp16ToNumber(sa)); // exact, as the contract says
    expect(groupContribution(peKind('int8'), P, sw, sa)).toBe(Math.fround(Math.fround(P) * sp));
    expect(groupContribution(peKind('mixpe-w4a16'), 1.5, sw, sa)).toBe(Math.fround(1.5 * fp16ToNumber(sw)));
    expect(groupContribution(peKind('fp16'), 1.25, sw, sa)).toBe(1.25);
    expect(accumulateOutput(1, 2 ** -30)).toBe(1);
  });
});

describe('PE kinds', () => {
  it('BitFusion and ANT fuse 1, 2 or 4 products per cycle by precision; MixPE multiplies 4 weights per activation; INT8 and FP16 one MAC', () => {
    const expected: Record<string, number> = {
      'bitfusion w8a8': 1, 'bitfusion w4a8': 2, 'bitfusion w4a4': 4, 'ant w8a8': 1, 'ant w4a8': 2, 'ant w4a4': 4,
      'mixpe-w4a8 w4a8': 4, 'mixpe-w4a16 w4a16': 4, 'int8 w8a8': 1, 'fp16 w4a16': 1,
    };
    const got = Object.fromEntries(allPeModes().map((k) => [`${k.id} ${k.mode}`, macsPerCycle(k)]));
    expect(got).toEqual(expected);
    for (const id of PE_KIND_IDS) expect(peKind(id).modes).toContain(peKind(id).mode);
  });

  it('an unknown precision mode names --precision and the kind\'s modes', () => {
    expect(() => peKind('int8', '--pe', 'w4a4')).toThrow(/int8 has no precision mode 'w4a4'/);
    try {
      peKind('bitfusion', '--pe', 'w2a2');
    } catch (e) {
      expect((e as UserError).format()).toContain('--precision');
      expect((e as UserError).format()).toContain('w8a8, w4a8, w4a4');
    }
  });

  it('an unknown kind names --pe and the valid choices', () => {
    expect(() => peKind('int3')).toThrow(UserError);
    try {
      peKind('int3');
    } catch (e) {
      expect((e as UserError).format()).toContain('--pe');
      expect((e as UserError).format()).toContain(PE_KIND_IDS.join(', '));
    }
  });
});
