// Fast mode's block schedule (blocks of identical passes, periods skipped) equals the DRAM schedule
// stepped pass by pass over the per-pass list, on seeded random shapes with many passes, ragged
// tiles, small buffers and slow DRAM (so loads, writes and passes contend and the start-up transient
// is long), and on random nested blocks of random passes.
import { describe, expect, it } from 'vitest';
import { allPeModes, createRng, mixpeEvalConfig } from '../../hw/index.ts';
import { gemmPasses, scheduleBlockCycles, simulateGemm, type PassBlock, type SimConfig } from '../../sim/index.ts';
import { referenceScheduleCycles, type ReferencePass } from './reference-schedule.ts';

const summed = ['macs', 'groupPartials', 'weightsFed', 'activationReadBits', 'weightReadBits', 'outputWriteBits', 'weightFillBytes', 'activationFillBytes', 'dramReadBytes', 'dramWriteBytes'] as const;

describe('fast mode over blocks of passes equals the pass-by-pass schedule', () => {
  it('on 60 random GEMMs (both dataflows) with up to thousands of passes', () => {
    const rng = createRng(77);
    let manyPasses = 0;
    const kinds = allPeModes();
    for (let i = 0; i < 60; i++) {
      const pe = kinds[rng.int(0, kinds.length - 1)]!;
      const ws = rng.next() < 0.35;
      // Weight-stationary K tiles of min(rows, G) k-rows must divide the group.
      const rows = ws ? [1, 2, 4, 8, 16][rng.int(0, 4)]! : rng.int(1, 16);
      const cols = rng.int(1, 16);
      const group = [32, 64, 128][rng.int(0, 2)]!;
      const shape = ws ? { m: rng.int(1, 300), k: group * rng.int(1, 4), n: rng.int(1, 100) } : { m: rng.int(1, 700), k: group * rng.int(1, 8), n: rng.int(1, 300) };
      const base = mixpeEvalConfig(rows, cols, ws ? 'weight-stationary' : 'output-stationary');
      const small = rng.next() < 0.6;
      // Small buffers: weights and activations streamed, few output rows per WS M tile, slow DRAM.
      const array = small
        ? {
            ...base,
            weightBuffer: { ...base.weightBuffer, bytes: 4096 * rng.int(1, 4) },
            activationBuffer: { ...base.activationBuffer, bytes: 8192 * rng.int(1, 8) },
            outputBuffer: { ...base.outputBuffer, bytes: Math.max(rows * cols * pe.lanes * 4, cols * pe.lanes * 8 * rng.int(2, 40)) },
            dramBytesPerCycle: [1, 2, 4, 8, 16, 32][rng.int(0, 5)]!,
          }
        : base;
      const config: SimConfig = { pe, array, group, scheme: pe.schemes[rng.int(0, pe.schemes.length - 1)]! };
      const label = `${pe.id} ${pe.mode} ${ws ? 'WS' : 'OS'} ${rows}x${cols} G${group} ${shape.m}x${shape.k}x${shape.n} B${array.dramBytesPerCycle}`;
      const { passes } = gemmPasses(config, shape, { mode: 'fast' });
      const fast = simulateGemm(config, shape, { mode: 'fast' });
      const reference = referenceScheduleCycles(passes.map((p) => ({ cycles: p.cycles, readBytes: p.dramReadBytes, writeBytes: p.dramWriteBytes })), array.dramBytesPerCycle);
      expect(fast.cycles, label).toBe(reference);
      expect(fast.passes, label).toBe(passes.length);
      expect(fast.computeCycles, label).toBe(passes.reduce((s, p) => s + p.cycles, 0));
      for (const key of summed) {
        const total = passes.reduce((s, p) => s + p[key], 0);
        const got = key in fast.traffic ? fast.traffic[key as keyof typeof fast.traffic] : fast[key as 'macs' | 'groupPartials' | 'weightsFed'];
        expect(got, `${label} ${key}`).toBe(total);
      }
      if (passes.length > 1000) manyPasses++;
    }
    expect(manyPasses).toBeGreaterThan(10);
  });

  it('on 100 random nested blocks of random passes', () => {
    const rng = createRng(5);
    const randomPass = (): ReferencePass => ({ cycles: rng.int(1, 60), readBytes: rng.int(0, 400), writeBytes: rng.int(0, 200) });
    const randomBlocks = (depth: number): PassBlock<ReferencePass>[] =>
      Array.from({ length: rng.int(1, 3) }, () => (depth > 0 && rng.next() < 0.5
        ? { times: rng.int(1, 12), body: randomBlocks(depth - 1) }
        : { times: rng.int(1, 200), pass: randomPass() }));
    const expand = (blocks: readonly PassBlock<ReferencePass>[]): ReferencePass[] =>
      blocks.flatMap((b) => Array.from({ length: b.times }, () => ('pass' in b ? [b.pass] : expand(b.body))).flat());
    for (let i = 0; i < 100; i++) {
      const blocks = randomBlocks(2);
      const bytesPerCycle = rng.int(1, 16);
      expect(scheduleBlockCycles(blocks, bytesPerCycle, (p) => p), `case ${i}`).toBe(referenceScheduleCycles(expand(blocks), bytesPerCycle));
    }
  });
});
