import { describe, expect, it } from 'vitest';
import * as hw from '../../../hw/index.ts';

// The names other areas (sim/, hdl-gen/, models/) build on; renaming one must be a deliberate change here.
const FUNCTIONS = [
  'fp16FromNumber', 'fp16ToNumber', 'fp16Add', 'fp16Sub', 'fp16Mul', 'fp16Neg', 'fp16Abs', 'fp16IsNaN', 'fp16IsInfinite', 'fp16IsFinite',
  'fp16Compare', 'fp16Ldexp', 'fp16NextUp', 'fp16FromNumberUp',
  'bf16FromNumber', 'bf16ToNumber', 'bf16Add', 'bf16Sub', 'bf16Mul', 'bf16Neg', 'bf16IsNaN', 'bf16Compare',
  'f32', 'fp32Add', 'fp32Sub', 'fp32Mul', 'fp32ToBits', 'fp32FromBits', 'isFloat32',
  'wrapInt', 'wrapUint', 'clampInt', 'intRange', 'intTypeOf', 'accInt32Add', 'accInt32Mac', 'roundHalfEven', 'createRng',
  'quantizeWeights', 'dequantizeWeights', 'dequantizeWeight', 'dequantizeWeightsFp16', 'codeRange', 'resolveGroupSize', 'fp16ScaleFor',
  'quantizeActivations', 'dequantizeActivations', 'packInt4', 'unpackInt4',
  'antType', 'antEncode', 'antQuantizeWeights', 'antDecodedWeights', 'antDequantizeWeights',
] as const;
const CONSTANTS = {
  FP16_NAN: 0x7e00, FP16_POS_INF: 0x7c00, FP16_NEG_INF: 0xfc00, FP16_POS_ZERO: 0, FP16_NEG_ZERO: 0x8000, FP16_ONE: 0x3c00,
  FP16_MAX: 0x7bff, FP16_MIN_NORMAL: 0x0400, FP16_MIN_SUBNORMAL: 1,
  BF16_NAN: 0x7fc0, BF16_POS_INF: 0x7f80, BF16_NEG_INF: 0xff80, BF16_ONE: 0x3f80, BF16_MAX: 0x7f7f, BF16_MIN_NORMAL: 0x80, BF16_MIN_SUBNORMAL: 1,
} as const;

describe('hw public API (numeric and quant)', () => {
  it('exports every function and constant the other areas use', () => {
    const exported = hw as unknown as Record<string, unknown>;
    expect(FUNCTIONS.filter((name) => typeof exported[name] !== 'function')).toEqual([]);
    for (const [name, value] of Object.entries(CONSTANTS)) expect(exported[name], name).toBe(value);
    for (const name of ['INT2', 'INT3', 'INT4', 'INT5', 'INT6', 'INT7', 'INT8', 'UINT2', 'UINT3', 'UINT4', 'UINT5', 'UINT6', 'UINT7', 'UINT8', 'INT32']) {
      const t = exported[name] as hw.IntType;
      expect(t.name).toBe(name.toLowerCase());
      expect(t.max - t.min + 1).toBe(2 ** t.bits);
    }
    expect(hw.ANT_TYPE_NAMES).toEqual(['int4', 'flint4', 'pot4']);
    expect(hw.QUANT_SCHEMES).toEqual(['symmetric', 'asymmetric']);
  });

  it('the constants decode to the values their names promise', () => {
    expect([hw.FP16_MAX, hw.FP16_MIN_NORMAL, hw.FP16_MIN_SUBNORMAL, hw.FP16_ONE].map(hw.fp16ToNumber)).toEqual([65504, 2 ** -14, 2 ** -24, 1]);
    expect([hw.BF16_MIN_NORMAL, hw.BF16_MIN_SUBNORMAL, hw.BF16_ONE].map(hw.bf16ToNumber)).toEqual([2 ** -126, 2 ** -133, 1]);
    expect(hw.bf16ToNumber(hw.BF16_MAX)).toBe((2 - 2 ** -7) * 2 ** 127);
    expect(hw.fp16IsNaN(hw.FP16_NAN) && hw.bf16IsNaN(hw.BF16_NAN)).toBe(true);
  });
});
