// Fast mode's closed-form figures equal what cycle mode counts as it runs (the PEs count MACs, the
// feeders the bits they read, the dequantization units the group partials, the readout the outputs,
// the memory model the DRAM bytes it moves), pass by pass and for every counted field, on seeded
// random arrays, shapes, buffers and both dataflows, for every PE kind in every precision mode.
import { describe, expect, it } from 'vitest';
import { allPeModes, createRng, mixpeEvalConfig } from '../../hw/index.ts';
import { gemmPasses, simulateGemm, type SimConfig } from '../../sim/index.ts';

const counted = ['cycles', 'macs', 'groupPartials', 'weightsFed', 'activationReadBits', 'weightReadBits', 'outputWriteBits', 'weightFillBytes', 'activationFillBytes', 'dramReadBytes', 'dramWriteBytes'] as const;

describe('fast mode equals cycle mode', () => {
  const kinds = allPeModes();
  for (const dataflow of ['output-stationary', 'weight-stationary'] as const) {
    it(`${dataflow}: every counted field of every pass, on 30 random shapes, arrays and buffers`, () => {
      const rng = createRng(dataflow === 'output-stationary' ? 2024 : 2025);
      for (let i = 0; i < 30; i++) {
        const pe = kinds[i % kinds.length]!;
        const ws = dataflow === 'weight-stationary';
        const group = [32, 64, 128][rng.int(0, 2)]!;
        // Weight-stationary K tiles of min(rows x kp, G) k-rows must divide the group.
        const rows = ws ? [1, 2, 4, 8][rng.int(0, 3)]! : rng.int(1, 10);
        const cols = rng.int(1, 9);
        const shape = { m: rng.int(1, 40), k: group * rng.int(1, 3), n: rng.int(1, 40) };
        const base = mixpeEvalConfig(rows, cols, dataflow);
        // Small buffers on some cases so the re-streaming (non-resident) DRAM paths are exercised too.
        const array = rng.next() < 0.5 ? base : { ...base, weightBuffer: { ...base.weightBuffer, bytes: 4096 }, activationBuffer: { ...base.activationBuffer, bytes: 8192 }, dramBytesPerCycle: 8 };
        const config: SimConfig = { pe, array, group, scheme: pe.schemes[rng.int(0, pe.schemes.length - 1)]! };
        const label = `${pe.id} ${pe.mode} ${rows}x${cols} G${group} ${shape.m}x${shape.k}x${shape.n}`;
        const cycle = gemmPasses(config, shape, { mode: 'cycle', seed: i });
        const fast = gemmPasses(config, shape, { mode: 'fast' });
        expect(cycle.passes.length, label).toBe(fast.passes.length);
        cycle.passes.forEach((p, j) => {
          for (const key of counted) expect(p[key], `${label} pass ${j} ${key}`).toBe(fast.passes[j]![key]);
        });
        const a = simulateGemm(config, shape, { mode: 'cycle', seed: i });
        const b = simulateGemm(config, shape, { mode: 'fast' });
        expect({ ...a, mode: 'x', output: undefined }, label).toEqual({ ...b, mode: 'x', output: undefined });
        expect(a.macs, label).toBe(shape.m * shape.n * shape.k);
      }
    });
  }
});
