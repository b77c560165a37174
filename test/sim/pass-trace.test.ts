// The traced events of one pass follow the contract of docs/sim-cycle-model.md: group partials in
// cycle (g+1)*Gc - 1 + r + c + L with the exact integer partial, readout of row i in cycle
// Kc + i + C - 1 + L + D, pass length Kc + R + C - 1 + L + D.
import { describe, expect, it } from 'vitest';
import { mixpeEvalConfig, peKind, type QuantizedActivations } from '../../hw/index.ts';
import { arrayPassTrace, DEQUANT_LATENCY, randomGemmOperands, type SimConfig } from '../../sim/index.ts';
import { integerWeights, referenceIntegerGemm } from './reference-gemm.ts';

describe('arrayPassTrace', () => {
  for (const [kind, R, C, M, N] of [['mixpe-w4a8', 4, 5, 3, 5], ['bitfusion', 3, 3, 3, 2], ['ant', 2, 6, 2, 4], ['mixpe-w4a16', 4, 4, 4, 3]] as const) {
    it(`${kind} ${R}x${C} (tile ${M}x${N}) follows the cycle contract`, () => {
      const pe = peKind(kind);
      const config: SimConfig = { pe, array: mixpeEvalConfig(R, C), group: 32, scheme: 'symmetric' };
      const K = 96;
      const ops = randomGemmOperands(config, { m: M, k: K, n: N }, 5);
      const trace = arrayPassTrace(config, ops);
      const kp = kind === 'bitfusion' ? 2 : 1;
      const L = pe.latency;
      const Kc = K / kp;
      const Gc = 32 / kp;
      expect(trace.cycles).toBe(Kc + R + C - 1 + L + DEQUANT_LATENCY);
      expect(trace.partials.length).toBe(R * C * (K / 32));
      const w = integerWeights(ops.weights);
      for (const e of trace.partials) {
        expect(e.cycle).toBe((e.group + 1) * Gc - 1 + e.row + e.col + L);
        if (kind !== 'mixpe-w4a16') {
          let p = 0;
          if (e.row < M && e.col < N) {
            const x = ops.activations as QuantizedActivations;
            for (let k = e.group * 32; k < (e.group + 1) * 32; k++) p += w.value(k, e.col) * x.codes[e.row * K + k]!;
          }
          expect(e.value).toBe(p);
        }
      }
      expect(trace.outputs.map((o) => o.cycle)).toEqual(Array.from({ length: R }, (_, i) => Kc + i + C - 1 + L + DEQUANT_LATENCY));
      if (kind !== 'mixpe-w4a16') {
        const ref = referenceIntegerGemm(w, ops.activations as QuantizedActivations);
        for (const o of trace.outputs) {
          for (let c = 0; c < C; c++) expect(o.values[c]).toBe(o.row < M && c < N ? ref[o.row * N + c] : 0);
        }
      }
    });
  }
});
