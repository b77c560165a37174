// Fast mode's closed-form cycles and traffic equal cycle mode's measured ones, pass by pass, on
// seeded random configurations and shapes (ragged edge tiles in M and N, every PE kind).
import { describe, expect, it } from 'vitest';
import { createRng, mixpeEvalConfig, PE_KIND_IDS, peKind } from '../../hw/index.ts';
import { gemmPasses, simulateGemm, type SimConfig } from '../../sim/index.ts';

const counted = ['cycles', 'macs', 'groupPartials', 'weightsFed', 'activationReadBits', 'weightReadBits', 'outputWriteBits', 'weightFillBytes', 'activationFillBytes', 'dramReadBytes', 'dramWriteBytes'] as const;

describe('fast mode equals cycle mode', () => {
  const kinds = PE_KIND_IDS;
  it('on 40 random shapes, arrays and dataflows', () => {
    const rng = createRng(2024);
    for (let i = 0; i < 40; i++) {
      const pe = peKind(kinds[rng.int(0, kinds.length - 1)]!);
      const ws = rng.next() < 0.35;
      // Weight-stationary K tiles of min(rows, G) k-rows must divide the group.
      const rows = ws ? [1, 2, 4, 8, 16][rng.int(0, 4)]! : rng.int(1, 12);
      const cols = rng.int(1, 12);
      const group = [32, 64, 128][rng.int(0, 2)]!;
      const shape = { m: rng.int(1, 40), k: group * rng.int(1, 3), n: rng.int(1, 40) };
      const base = mixpeEvalConfig(rows, cols, ws ? 'weight-stationary' : 'output-stationary');
      // Small buffers on some cases so the re-streaming (non-resident) DRAM paths are exercised too.
      const array = rng.next() < 0.5 ? base : { ...base, weightBuffer: { ...base.weightBuffer, bytes: 4096 }, activationBuffer: { ...base.activationBuffer, bytes: 8192 }, dramBytesPerCycle: 8 };
      const config: SimConfig = { pe, array, group, scheme: pe.schemes[rng.int(0, pe.schemes.length - 1)]! };
      const label = `${pe.id} ${ws ? 'WS' : 'OS'} ${rows}x${cols} G${group} ${shape.m}x${shape.k}x${shape.n}`;
      const cycle = gemmPasses(config, shape, { mode: 'cycle', seed: i });
      const fast = gemmPasses(config, shape, { mode: 'fast' });
      expect(cycle.passes.length, label).toBe(fast.passes.length);
      cycle.passes.forEach((p, j) => {
        for (const key of counted) expect(p[key], `${label} pass ${j} ${key}`).toBe(fast.passes[j]![key]);
      });
      const a = simulateGemm(config, shape, { mode: 'cycle', seed: i });
      const b = simulateGemm(config, shape, { mode: 'fast' });
      expect({ ...a, mode: 'x', output: undefined }).toEqual({ ...b, mode: 'x', output: undefined });
    }
  });
});
