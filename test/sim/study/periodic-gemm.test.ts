import { describe, expect, it } from 'vitest';
import { createRng, mixpeEvalConfig, peKind } from '../../../hw/index.ts';
import { simulateGemm } from '../../../sim/simulate-gemm.ts';
import { periodicFastGemm } from '../../../sim/study/periodic-gemm.ts';

const kinds = [
  ['mixpe-w4a8', 64, 64, 'asymmetric'], ['mixpe-w4a16', 32, 32, 'asymmetric'], ['int8', 32, 32, 'symmetric'],
  ['ant', 32, 32, 'symmetric'], ['bitfusion', 32, 40, 'symmetric'], ['fp16', 32, 28, 'asymmetric'],
] as const;

describe('periodic continuation of the fast mode', () => {
  it('equals the full fast-mode run on random shapes (ragged tiles, resident and streamed operands)', () => {
    const rng = createRng(2024);
    let continued = 0;
    for (const [id, rows, cols, scheme] of kinds) {
      const config = { pe: peKind(id), array: mixpeEvalConfig(rows, cols), group: 128, scheme };
      for (let t = 0; t < 6; t++) {
        const shape = { m: rng.int(0, 40) * rows + rng.int(1, rows), k: 128 * rng.int(1, 48), n: rng.int(0, 30) * cols + rng.int(1, cols) };
        const full = simulateGemm(config, shape, { mode: 'fast' });
        const fast = periodicFastGemm(config, shape);
        expect({ ...fast, output: undefined }, `${id} ${JSON.stringify(shape)}`).toEqual({ ...full, output: undefined });
        if (Math.ceil(shape.m / rows) > 7 || Math.ceil(shape.n / cols) > 7) continued++;
      }
    }
    expect(continued).toBeGreaterThan(20);
  });

  it('handles GEMV-like and tiny shapes by running them in full', () => {
    const config = { pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(64, 64), group: 128, scheme: 'asymmetric' as const };
    for (const shape of [{ m: 1, k: 128, n: 1 }, { m: 64, k: 4096, n: 12288 }, { m: 1, k: 512, n: 64 }]) {
      expect({ ...periodicFastGemm(config, shape), output: undefined }).toEqual({ ...simulateGemm(config, shape, { mode: 'fast' }), output: undefined });
    }
  });
});
