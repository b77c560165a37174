// The traced events of one pass follow the contract of docs/sim-cycle-model.md: group partials of
// PE (r, c)'s every lane in cycle (g+1)*Gc - 1 + r + c + L with the exact integer partial, readout
// of row i in cycle Kc + i + C - 1 + L + D, pass length Kc + R + C - 1 + L + D, for kinds with one
// output per PE, with several (MixPE lanes) and fusing several k-values per cycle (BitFusion, ANT).
import { describe, expect, it } from 'vitest';
import { mixpeEvalConfig, peKind, type QuantizedActivations } from '../../hw/index.ts';
import { arrayPassTrace, DEQUANT_LATENCY, peThroughput, randomGemmOperands, type SimConfig } from '../../sim/index.ts';
import { integerWeights, referenceIntegerGemm } from './reference-gemm.ts';

const cases = [
  ['mixpe-w4a8', 'w4a8', 4, 5, 3, 18], ['bitfusion', 'w4a8', 3, 3, 3, 2], ['bitfusion', 'w4a4', 2, 3, 2, 3], ['bitfusion', 'w8a8', 3, 2, 3, 2],
  ['ant', 'w4a8', 2, 6, 2, 4], ['ant', 'w4a4', 3, 2, 3, 2], ['ant', 'w8a8', 2, 2, 1, 2], ['int8', 'w8a8', 2, 3, 2, 3], ['mixpe-w4a16', 'w4a16', 4, 4, 4, 13],
] as const;

describe('arrayPassTrace', () => {
  for (const [kind, mode, R, C, M, N] of cases) {
    it(`${kind} ${mode} ${R}x${C} (tile ${M}x${N}) follows the cycle contract`, () => {
      const pe = peKind(kind, '--pe', mode);
      const config: SimConfig = { pe, array: mixpeEvalConfig(R, C), group: 32, scheme: 'symmetric' };
      const { kp, lanes } = peThroughput(config);
      const Q = C * lanes;
      const K = 96;
      const ops = randomGemmOperands(config, { m: M, k: K, n: N }, 5);
      const trace = arrayPassTrace(config, ops);
      const L = pe.latency;
      const Kc = K / kp;
      const Gc = 32 / kp;
      expect(trace.cycles).toBe(Kc + R + C - 1 + L + DEQUANT_LATENCY);
      expect(trace.partials.length).toBe(R * Q * (K / 32));
      const w = integerWeights(ops.weights);
      for (const e of trace.partials) {
        expect(e.cycle).toBe((e.group + 1) * Gc - 1 + e.row + Math.floor(e.col / lanes) + L);
        if (pe.accumulator === 'int32') {
          let p = 0;
          if (e.row < M && e.col < N) {
            const x = ops.activations as QuantizedActivations;
            for (let k = e.group * 32; k < (e.group + 1) * 32; k++) p += w.value(k, e.col) * x.codes[e.row * K + k]!;
          }
          expect(e.value).toBe(p);
        }
      }
      expect(trace.outputs.map((o) => o.cycle)).toEqual(Array.from({ length: R }, (_, i) => Kc + i + C - 1 + L + DEQUANT_LATENCY));
      if (pe.accumulator === 'int32') {
        const ref = referenceIntegerGemm(w, ops.activations as QuantizedActivations);
        for (const o of trace.outputs) {
          expect(o.values.length).toBe(Q);
          for (let q = 0; q < Q; q++) expect(o.values[q]).toBe(o.row < M && q < N ? ref[o.row * N + q] : 0);
        }
      }
    });
  }
});
