import { describe, expect, it } from 'vitest';
import { mixpeEvaluation, type AcceleratorSpec } from '../../../hw/accelerators/index.ts';
import { antDequantizeWeights, antQuantizeWeights, createRng, dequantizeActivations, dequantizeWeights, fp16FromNumber, fp16ToNumber, quantizeActivations, quantizeWeights } from '../../../hw/index.ts';
import { llamaLayerSamples, readLlama2cCheckpoint } from '../../../models/llm/index.ts';
import { accuracyStudy, acceleratorOperands, fp32ReferenceGemm, layerError, plannedModes, type LayerSample } from '../../../sim/study/index.ts';
import { dataPath, missingData } from '../../../util/index.ts';

const acc = (pe: string): AcceleratorSpec => mixpeEvaluation.find((a) => a.pe === pe)!;

function syntheticLayer(seed: number, m = 24, k = 256, n = 40): LayerSample {
  const rng = createRng(seed);
  const weights = Float32Array.from({ length: k * n }, () => rng.normal() * 0.02);
  // A few outlier channels, as real LLM activations have.
  const activations = Float32Array.from({ length: m * k }, (_, i) => rng.normal() * (i % k < 3 ? 12 : 1));
  return { name: 'synthetic', role: 'synthetic', m, k, n, weights, activations };
}

/** Plain GEMM of dequantized operands in double: an independent account of what each kind computes. */
function dequantizedGemm(s: LayerSample, w: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  return fp32ReferenceGemm({ ...s, weights: Float32Array.from(w), activations: Float32Array.from(x) });
}

function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, e = 0;
  for (let i = 0; i < a.length; i++) { d += (a[i] - b[i]) ** 2; e += b[i] ** 2; }
  return Math.sqrt(d / e);
}

describe('accuracy cost through the exact value path', () => {
  const s = syntheticLayer(7);
  const ref = fp32ReferenceGemm(s);

  it('each kind computes the GEMM of its dequantized operands (to FP32/FP16 rounding)', () => {
    const cases: [string, () => Float64Array][] = [
      ['mixpe-w4a8', () => dequantizedGemm(s, dequantizeWeights(quantizeWeights(s.weights, s.k, s.n, { bits: 4, groupSize: 128, scheme: 'asymmetric' })), dequantizeActivations(quantizeActivations(s.activations, s.m, s.k, 8)))],
      ['int8', () => dequantizedGemm(s, dequantizeWeights(quantizeWeights(s.weights, s.k, s.n, { bits: 8, groupSize: 128, scheme: 'symmetric' })), dequantizeActivations(quantizeActivations(s.activations, s.m, s.k, 8)))],
      ['mixpe-w4a16', () => dequantizedGemm(s, dequantizeWeights(quantizeWeights(s.weights, s.k, s.n, { bits: 4, groupSize: 128, scheme: 'asymmetric' })), Array.from(s.activations, (x) => fp16ToNumber(fp16FromNumber(x))))],
      ['ant', () => dequantizedGemm(s, antDequantizeWeights(antQuantizeWeights(s.weights, s.k, s.n, { groupSize: 128, selection: 'tensor' })), dequantizeActivations(quantizeActivations(s.activations, s.m, s.k, 8)))],
    ];
    for (const [pe, plain] of cases) {
      const expected = plain();
      const e = layerError(acc(pe), s, expected);
      // Against its own dequantized GEMM the simulator differs only by FP32 accumulation rounding.
      expect(Math.sqrt(e.sse / e.energy), pe).toBeLessThan(1e-5);
      // ... and against FP32 it shows the quantization error itself.
      expect(relativeDifference(expected, ref), pe).toBeGreaterThan(1e-3);
    }
  });

  it('orders the kinds and modes as their number formats imply', () => {
    const planned = plannedModes(mixpeEvaluation);
    expect(planned.map((p) => `${p.acc.pe}/${p.mode}`)).toEqual(['mixpe-w4a8/w4a8', 'mixpe-w4a16/w4a16', 'int8/w8a8', 'ant/w4a4', 'ant/w8a8', 'bitfusion/w4a4', 'bitfusion/w8a8', 'fp16/w4a16']);
    const rows = accuracyStudy(planned, [s, syntheticLayer(8)]);
    const err = Object.fromEntries(rows.map((r) => [`${r.pe}/${r.mode}`, r.relativeRmsError]));
    for (const k of ['mixpe-w4a8/w4a8', 'mixpe-w4a16/w4a16', 'ant/w4a4', 'bitfusion/w4a4', 'fp16/w4a16']) expect(err['int8/w8a8'], k).toBeLessThan(err[k]! / 4);
    // The 8-bit modes of the fused PEs store the same symmetric INT8 weights as INT8 and compute exactly.
    expect(err['ant/w8a8']).toBe(err['int8/w8a8']);
    expect(err['bitfusion/w8a8']).toBe(err['int8/w8a8']);
    // FP16 and MixPE-W4A16 use the same INT4 weights and FP16 activations: only rounding differs.
    expect(Math.abs(err['fp16/w4a16']! / err['mixpe-w4a16/w4a16']! - 1)).toBeLessThan(0.01);
    // Asymmetric groups with a zero point and 8-bit activations beat the symmetric INT4 grids at 4-bit activations.
    expect(err['mixpe-w4a8/w4a8']).toBeLessThan(err['bitfusion/w4a4']!);
    expect(err['mixpe-w4a8/w4a8']).toBeLessThan(err['ant/w4a4']!);
    for (const r of rows) expect(r.sqnrDb).toBeCloseTo(-20 * Math.log10(r.relativeRmsError), 9);
  });

  it('values do not depend on the array shape the layer runs on', () => {
    const small = syntheticLayer(9, 12, 128, 24);
    const smallRef = fp32ReferenceGemm(small);
    for (const a of mixpeEvaluation) {
      expect(layerError(a, small, smallRef, a.array), a.pe).toEqual(layerError(a, small, smallRef));
    }
  });

  it('ANT operands carry its decoder', () => {
    const ops = acceleratorOperands(acc('ant'), s);
    expect(ops.antValue).toBeTypeOf('function');
    expect(ops.antValue!(0)).toBe(0);
  });
});

const skip = missingData('models', 'stories260K_plct', 'stories260K.bin');
if (skip) console.warn(`skipping the accuracy cost on real layers: ${skip}`);

describe.skipIf(skip)('accuracy cost on stories260K layers', () => {
  it('INT4 kinds err by a few percent to tens of percent, INT8 by about a tenth of that', () => {
    const model = readLlama2cCheckpoint(dataPath('models', 'stories260K_plct', 'stories260K.bin'));
    const samples = llamaLayerSamples(model, 8, 1).filter((x) => x.name.startsWith('layer0.'));
    expect(samples.map((x) => x.role)).toEqual(['attn.qkv', 'attn.out', 'ffn.gate+up', 'ffn.down']);
    const rows = accuracyStudy([{ acc: acc('int8'), mode: 'w8a8' }, { acc: acc('mixpe-w4a8'), mode: 'w4a8' }], samples);
    expect(rows[0].relativeRmsError).toBeLessThan(0.05);
    expect(rows[1].relativeRmsError).toBeGreaterThan(rows[0].relativeRmsError * 4);
    expect(rows[1].relativeRmsError).toBeLessThan(0.5);
  });
});
