import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupSizeFor, horowitzPeAreas, isoAreaAccelerators, mixpeEvaluation, readPeAreaTable } from '../../../hw/accelerators/index.ts';
import { createRng } from '../../../hw/index.ts';
import { isUserError } from '../../../util/index.ts';

describe('MixPE evaluation configurations', () => {
  it('are the published iso-area arrays at 500 MHz with the published buffers', () => {
    expect(mixpeEvaluation.map((a) => `${a.label} ${a.array.rows}x${a.array.cols}`)).toEqual([
      'MixPE-W4A8 64x64', 'MixPE-W4A16 32x32', 'INT8 32x32', 'ANT 32x32', 'BitFusion 32x40', 'FP16 32x28',
    ]);
    for (const a of mixpeEvaluation) {
      const { clockHz, weightBuffer, activationBuffer, outputBuffer, dramBytesPerCycle } = a.array;
      expect([clockHz, weightBuffer.bytes, activationBuffer.bytes, outputBuffer.bytes, dramBytesPerCycle * 8]).toEqual([500e6, 131072, 262144, 131072, 1024]);
    }
  });

  it('falls back to a smaller group or per-channel when the group does not divide K', () => {
    expect(groupSizeFor(128, 4096)).toBe(128);
    expect(groupSizeFor(128, 11008)).toBe(128);
    expect(groupSizeFor(128, 197)).toBe(197);
    expect(groupSizeFor(128, 192)).toBe(64);
    expect(groupSizeFor(128, 80)).toBe(80);
    expect(groupSizeFor('channel', 768)).toBe(768);
  });
});

describe('iso-area sizing', () => {
  it('fills the reference area: each array fits, one more column would not', () => {
    const sized = isoAreaAccelerators(horowitzPeAreas);
    const budget = 32 * 28 * horowitzPeAreas.areaUm2.fp16;
    for (const a of sized) {
      const area = horowitzPeAreas.areaUm2[a.pe];
      const { rows, cols } = a.array;
      expect(rows * cols * area).toBeLessThanOrEqual(budget * (1 + 1e-12));
      expect(rows * (cols + 1) * area).toBeGreaterThan(budget);
    }
    expect(sized.find((a) => a.pe === 'fp16')!.array).toMatchObject({ rows: 32, cols: 28 });
  });

  it('equal areas give equal arrays', () => {
    const flat = { source: 'test', nodeNm: 45, areaUm2: { 'mixpe-w4a8': 1, 'mixpe-w4a16': 1, int8: 1, ant: 1, bitfusion: 1, fp16: 1 } };
    for (const a of isoAreaAccelerators(flat)) expect(a.array.rows * a.array.cols).toBe(896);
  });

  it('reads a JSON area table and refuses a broken one naming the flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-area-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ 'mixpe-w4a8': 100, 'mixpe-w4a16': { areaUm2: 300 }, int8: { area_um2: 150 }, ant: 120, bitfusion: 200, fp16: 400, notes: 'x' }));
    expect(readPeAreaTable(good).areaUm2).toMatchObject({ 'mixpe-w4a16': 300, int8: 150 });
    // The list `tessera gen area-table` writes to docs/pe-area.json.
    const generated = join(dir, 'generated.json');
    const kinds = Object.entries({ 'mixpe-w4a8': 11, 'mixpe-w4a16': 27, fp16: 35, int8: 15, ant: 16, bitfusion: 18 }).map(([kind, areaUm2]) => ({ kind, scheme: 'symmetric', pe: { areaUm2, cells: 1 }, arrays: {} }));
    writeFileSync(generated, JSON.stringify({ tool: 'native 0.23', unit: 'um^2', kinds }));
    expect(readPeAreaTable(generated).areaUm2).toEqual({ 'mixpe-w4a8': 11, 'mixpe-w4a16': 27, fp16: 35, int8: 15, ant: 16, bitfusion: 18 });
    for (const text of ['{', '[]', '{"int8": 5}', JSON.stringify({ 'mixpe-w4a8': -1 })]) {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, text);
      let err: unknown;
      try { readPeAreaTable(bad); } catch (e) { err = e; }
      expect(isUserError(err) && err.where).toBe('--pe-area');
    }
  });

  it('survives random mutations of a table: a table or a UserError, never a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-area-fuzz-'));
    const text = JSON.stringify({ 'mixpe-w4a8': 100, 'mixpe-w4a16': { areaUm2: 300 }, int8: 150, ant: 120, bitfusion: 200, fp16: 400 });
    const rng = createRng(3);
    for (let trial = 0; trial < 200; trial++) {
      const chars = [...text];
      for (let e = rng.int(1, 4); e > 0; e--) {
        const at = rng.int(0, chars.length - 1);
        if (rng.next() < 0.5) chars.splice(at, 1);
        else chars[at] = String.fromCharCode(rng.int(32, 126));
      }
      const file = join(dir, `t${trial}.json`);
      writeFileSync(file, chars.join(''));
      try {
        const t = readPeAreaTable(file);
        for (const v of Object.values(t.areaUm2)) expect(v).toBeGreaterThan(0);
      } catch (e) {
        expect(isUserError(e)).toBe(true);
      }
    }
  });
});
