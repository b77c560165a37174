import { describe, expect, it } from 'vitest';
import { createRng, dequantizeActivations, fp16ToNumber, quantizeActivations } from '../../../hw/index.ts';
import { UserError } from '../../../util/index.ts';

describe('per-token INT8 activation quantization', () => {
  it('one FP16 scale per row, codes in -127..127, error <= scale/2, exact dequantization', () => {
    const rng = createRng(8);
    const M = 37;
    const K = 200;
    // Rows of very different magnitudes, with outliers, as LLM activations have.
    const x = Float64Array.from({ length: M * K }, (_, i) => rng.normal() * 2 ** ((Math.floor(i / K) % 12) - 6) * (rng.next() < 0.01 ? 40 : 1));
    const qa = quantizeActivations(x, M, K);
    expect(qa.bits).toBe(8);
    expect(qa.scales.length).toBe(M);
    const deq = dequantizeActivations(qa);
    const problems: string[] = [];
    for (let m = 0; m < M; m++) {
      const s = fp16ToNumber(qa.scales[m]!);
      let absmax = 0;
      for (let k = 0; k < K; k++) absmax = Math.max(absmax, Math.abs(x[m * K + k]!));
      // The stored scale is the smallest FP16 value covering absmax/127.
      if (!(s >= absmax / 127 && fp16ToNumber(qa.scales[m]! - 1) < absmax / 127)) problems.push(`scale row ${m}`);
      for (let k = 0; k < K; k++) {
        const code = qa.codes[m * K + k]!;
        if (code < -127 || code > 127) problems.push(`code ${code}`);
        if (deq[m * K + k] !== code * s) problems.push(`dequant ${m},${k}`);
        if (Math.abs(x[m * K + k]! - code * s) > (s / 2) * (1 + 1e-12)) problems.push(`error ${m},${k}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('handles all-zero rows, other bit widths, and ties to even', () => {
    const qa = quantizeActivations([0, 0, 0, 0, 1, -1, 0.5, 2.5 / 127], 2, 4);
    expect(qa.scales[0]).toBe(0);
    expect(Array.from(qa.codes.slice(0, 4))).toEqual([0, 0, 0, 0]);
    const s = fp16ToNumber(qa.scales[1]!);
    expect(qa.codes[4]).toBe(127);
    expect(qa.codes[5]).toBe(-127);
    const q4 = quantizeActivations([7, -7, 3.5, -2.5], 1, 4, 4);
    expect(Array.from(q4.codes)).toEqual([7, -7, 4, -2]); // scale 1: 3.5 -> 4, -2.5 -> -2
    expect(s).toBeGreaterThan(0);
  });

  it('rejects bad shapes and bit widths with UserErrors', () => {
    expect(() => quantizeActivations([1, 2, 3], 2, 2)).toThrow(UserError);
    expect(() => quantizeActivations([1, 2], 1, 2, 1)).toThrow(/bit width 1/);
    expect(() => quantizeActivations([1, Infinity], 1, 2)).toThrow(UserError);
  });
});
