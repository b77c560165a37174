import { describe, expect, it } from 'vitest';
import { createRng, mixpeEvalConfig, peKind } from '../../../../hw/index.ts';
import { ArrayBackend, ReferenceBackend, type GemmBackend } from '../../../../models/common/gemm/index.ts';
import { LlamaModel, SwiGluFeedForward, type LlamaConfig } from '../../../../models/llm/index.ts';
import { calibrate, CarvedFeedForward, carveLayer, decodeCost, ffnCycles, fuseGateUp, GateUpFeedForward, parseCmoeConfig } from '../../../../models/llm/compress/index.ts';
import { randomLlama } from '../random-llama.ts';

// Fused decode kernels: the products a batch-1 kernel would run, on the reference and on the array.
const config: LlamaConfig = { dim: 32, hiddenDim: 64, layers: 2, heads: 4, kvHeads: 2, vocab: 40, seqLen: 24, tiedClassifier: true };
const weights = randomLlama(config, 7, 0.2, 0.1);
const rng = createRng(5);
const windows = Array.from({ length: 2 }, () => Uint16Array.from({ length: 24 }, () => rng.int(3, 39)));
const array = () => new ArrayBackend({ pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(8, 8), group: 8, scheme: 'asymmetric', productGroup: 16 });
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
const relMax = (a: Float32Array, b: Float32Array) => {
  let e = 0, s = 0;
  for (let i = 0; i < a.length; i++) { e = Math.max(e, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
  return e / s;
};

describe('fused decode kernels', () => {
  it('gate and up as one product give the separate products\' values (bit for bit on the array)', () => {
    const x = Float32Array.from({ length: 3 * 32 }, () => rng.next() - 0.5);
    for (const [be, exact] of [[new ReferenceBackend(), false], [array(), true]] as [GemmBackend, boolean][]) {
      const a = new GateUpFeedForward(be, weights.layers[0], 32, 64).forward(x, 3, 0);
      const b = new SwiGluFeedForward(be, weights.layers[0], 32, 64).forward(x, 3, 0);
      if (exact) expect(bits(a)).toEqual(bits(b));
      else expect(relMax(a, b)).toBeLessThan(1e-6);
    }
  });

  it('the fused MoE decode step equals the separate products, and the dense FFN with every expert active', async () => {
    const cal = await calibrate(weights, windows, 6);
    const x = cal.inputs[1].subarray(0, 4 * 32);
    for (const [name, A] of [['S2A2E8', 2], ['S1A7E8', 7]] as const) {
      const carved = carveLayer(cal.profiles[1], parseCmoeConfig(name, 64), 'kmeans');
      const options = { active: A, bias: Float64Array.from({ length: carved.experts.length }, (_, e) => 0.01 * e), scales: Float64Array.from({ length: carved.experts.length }, (_, e) => (A === 7 ? 0 : 0.5 - 0.1 * e)) };
      // (With every expert active and scales 0, the mixture is the dense FFN.)
      for (const be of [new ReferenceBackend(), array()]) {
        const separate = new CarvedFeedForward(be, weights.layers[1], 32, 64, carved, options);
        const fused = new CarvedFeedForward(be, weights.layers[1], 32, 64, carved, { ...options, fused: true });
        const dense = new SwiGluFeedForward(be, weights.layers[1], 32, 64);
        for (let t = 0; t < 4; t++) {
          const xt = x.subarray(t * 32, (t + 1) * 32);
          const f = fused.forward(xt, 1, 1);
          // The same routing and values: on the array bit for bit (each output column is quantized alone).
          const g = separate.forward(xt, 1, 1);
          if (be instanceof ArrayBackend) expect(bits(f)).toEqual(bits(g));
          else expect(relMax(f, g)).toBeLessThan(1e-6);
          if (A === 7 && be instanceof ReferenceBackend) expect(relMax(f, dense.forward(xt, 1, 1))).toBeLessThan(1e-6);
        }
        expect(Array.from(fused.loads)).toEqual(Array.from(separate.loads));
      }
    }
  });

  it('books the fused products on the array: fewer FFN cycles than the separate ones', async () => {
    const be = array();
    const dense = await decodeCost(new LlamaModel(weights, be), windows[0], 12, 4);
    const fused = await decodeCost(fuseGateUp(new LlamaModel(weights, be)), windows[0], 12, 4);
    expect(Object.keys(fused.byKind)).toContain('gate-up');
    expect(Object.keys(fused.byKind)).not.toContain('gate');
    expect(ffnCycles(fused)).toBeLessThan(ffnCycles(dense));
    // Everything but the FFN is the same.
    expect(fused.perToken.cycles - ffnCycles(fused)).toBe(dense.perToken.cycles - ffnCycles(dense));
  });
});
