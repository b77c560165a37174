// Cycle-mode GEMM values against the plain reference GEMMs, on seeded random shapes with ragged
// edge tiles in both M and N, for every PE kind and weight scheme it supports.
import { describe, expect, it } from 'vitest';
import { allPeModes, createRng, fp16ToNumber, mixpeEvalConfig, peKind, type PeKind, type PeKindId, type QuantScheme } from '../../hw/index.ts';
import { randomGemmOperands, simulateGemm, type Fp16Activations, type SimConfig } from '../../sim/index.ts';
import type { QuantizedActivations } from '../../hw/index.ts';
import { exactQuantizedGemm, integerWeights, referenceFp16, referenceIntegerGemm, referenceW4A16 } from './reference-gemm.ts';

interface Case {
  config: SimConfig;
  shape: { m: number; k: number; n: number };
  seed: number;
}

function randomCases(kind: PeKindId | PeKind, count: number, seed: number): Case[] {
  const rng = createRng(seed);
  const pe = typeof kind === 'string' ? peKind(kind) : kind;
  return Array.from({ length: count }, (_, i) => {
    const rows = rng.int(2, 9);
    const cols = rng.int(2, 9);
    const group = [32, 64][rng.int(0, 1)]!;
    const k = group * rng.int(1, 3);
    const scheme: QuantScheme = pe.schemes[rng.int(0, pe.schemes.length - 1)]!;
    // M and N not multiples of the array: ragged bottom and right tiles.
    const shape = { m: rng.int(1, 3 * rows + 1), k, n: rng.int(1, 3 * cols + 1) };
    return { config: { pe, array: mixpeEvalConfig(rows, cols), group, scheme }, shape, seed: seed * 100 + i };
  });
}

// Every integer kind in every precision mode.
const integerKinds = allPeModes().filter((k) => k.accumulator === 'int32');

describe('cycle-mode GEMM values', () => {
  it('weight-stationary gives the same values as output-stationary (same order of operations)', () => {
    for (const kind of allPeModes()) {
      for (const c of randomCases(kind, 2, 31)) {
        const ops = randomGemmOperands(c.config, c.shape, c.seed);
        const rows = [1, 2, 4, 8][c.seed % 4]!;
        const ws = { ...c.config, array: mixpeEvalConfig(rows, c.config.array.cols, 'weight-stationary') };
        const a = simulateGemm(c.config, c.shape, { mode: 'cycle', operands: ops }).output!;
        const b = simulateGemm(ws, c.shape, { mode: 'cycle', operands: ops }).output!;
        expect(Array.from(b), `${kind.id} ${kind.mode}`).toEqual(Array.from(a));
      }
    }
  });

  for (const kind of integerKinds) {
    it(`${kind.id} ${kind.mode}: equals the integer reference GEMM exactly`, () => {
      for (const c of randomCases(kind, 6, kind.id.length + kind.mode.length)) {
        const ops = randomGemmOperands(c.config, c.shape, c.seed);
        const r = simulateGemm(c.config, c.shape, { mode: 'cycle', operands: ops });
        const x = ops.activations as QuantizedActivations;
        const w = integerWeights(ops.weights);
        expect(Array.from(r.output!)).toEqual(Array.from(referenceIntegerGemm(w, x)));
        // And within FP32 rounding of the exact real GEMM of the dequantized operands.
        const { y, absSum } = exactQuantizedGemm(w, (m, k) => x.codes[m * c.shape.k + k]! * fp16ToNumber(x.scales[m]!), c.shape.m);
        const bound = (c.shape.k / c.config.group + 2) * 2 ** -24 * 1.01;
        for (let i = 0; i < y.length; i++) expect(Math.abs(r.output![i]! - y[i]!)).toBeLessThanOrEqual(bound * absSum[i]! + 1e-30);
      }
    });
  }

  it('mixpe-w4a16: equals the FP32 replay exactly and the exact GEMM within the documented bound', () => {
    for (const c of randomCases('mixpe-w4a16', 6, 7)) {
      const ops = randomGemmOperands(c.config, c.shape, c.seed);
      const xh = (ops.activations as Fp16Activations).values;
      const r = simulateGemm(c.config, c.shape, { mode: 'cycle', operands: ops });
      expect(Array.from(r.output!)).toEqual(Array.from(referenceW4A16(integerWeights(ops.weights), xh, c.shape.m)));
      const { y, absSum } = exactQuantizedGemm(integerWeights(ops.weights), (m, k) => fp16ToNumber(xh[m * c.shape.k + k]!), c.shape.m);
      const G = c.config.group;
      const bound = (G + c.shape.k / G) * 2 ** -24 * 1.01;
      for (let i = 0; i < y.length; i++) expect(Math.abs(r.output![i]! - y[i]!)).toBeLessThanOrEqual(bound * absSum[i]!);
    }
  });

  it('fp16: equals the FP32 replay exactly and the exact GEMM within the documented bound', () => {
    for (const c of randomCases('fp16', 6, 11)) {
      const ops = randomGemmOperands(c.config, c.shape, c.seed);
      const xh = (ops.activations as Fp16Activations).values;
      const r = simulateGemm(c.config, c.shape, { mode: 'cycle', operands: ops });
      expect(Array.from(r.output!)).toEqual(Array.from(referenceFp16(integerWeights(ops.weights), xh, c.shape.m)));
      const { y, absSum } = exactQuantizedGemm(integerWeights(ops.weights), (m, k) => fp16ToNumber(xh[m * c.shape.k + k]!), c.shape.m);
      const bound = (2 ** -11 + c.shape.k * 2 ** -24) * 1.01;
      for (let i = 0; i < y.length; i++) expect(Math.abs(r.output![i]! - y[i]!)).toBeLessThanOrEqual(bound * absSum[i]!);
    }
  });
});
