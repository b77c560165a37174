import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  energyConstants28nm as c, fourPartEnergy, horowitz45nm, macEnergyPj45, nangate45LeakageMwPerMm2, scaling45to28, sramPjPerByte, studyPeKinds,
  type ActivityCounts,
} from '../../../hw/energy/index.ts';
import { dataPath, missingData } from '../../../util/index.ts';
import { allPeModes, PE_KINDS } from '../../../hw/index.ts';

const idle: ActivityCounts = { pe: PE_KINDS.int8, macs: 0, weightsFed: 0, dequants: 0, buffers: [], dramBytes: 0, seconds: 0, pes: 0 };

describe('energy constants', () => {
  it('the partial-product rule for integer multipliers reproduces the published 32-bit figure within 5%', () => {
    // int8 = 8x8 multiply + 32-bit add: the rule's anchors must give back Horowitz's figures.
    expect(macEnergyPj45('int8/w8a8')).toBeCloseTo(horowitz45nm.energyPj.intMult8 + horowitz45nm.energyPj.intAdd32, 12);
    const predicted32 = horowitz45nm.energyPj.intMult8 * (32 * 32) / 64;
    expect(Math.abs(predicted32 / horowitz45nm.energyPj.intMult32 - 1)).toBeLessThan(0.05);
  });

  it('SRAM energy per byte passes through the scaled published points and grows with size', () => {
    for (const p of horowitz45nm.sramRead64bitPj) {
      expect(sramPjPerByte(c, p.bytes)).toBeCloseTo((p.pj / 8) * scaling45to28.energy, 10);
    }
    const sizes = [4096, 8192, 65536, 131072, 262144, 1 << 20, 4 << 20];
    const e = sizes.map((b) => sramPjPerByte(c, b));
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThan(e[i - 1]);
  });

  it('core energy per MAC orders the kinds and modes as their datapaths imply', () => {
    const m = c.macPj;
    expect(m['mixpe-w4a8/w4a8']).toBeLessThan(m['int8/w8a8']); // narrower multiplier, same accumulator
    expect(m['mixpe-w4a16/w4a16']).toBeLessThan(m['fp16/w4a16']); // no FP16 multiplier
    const all = allPeModes().map((k) => `${k.id}/${k.mode}`);
    expect(m['fp16/w4a16']! + c.feederPj['fp16/w4a16']!).toBeGreaterThan(Math.max(...all.filter((k) => !k.startsWith('fp16')).map((k) => m[k]! + c.feederPj[k]!)));
    expect(c.feederPj['fp16/w4a16']).toBeGreaterThan(10 * c.feederPj['mixpe-w4a16/w4a16']!); // dequantizing vs subtracting a zero point
    // A fused PE spends less per MAC at lower precision.
    for (const kind of ['bitfusion', 'ant']) expect(m[`${kind}/w4a4`]).toBeLessThan(m[`${kind}/w4a8`]!), expect(m[`${kind}/w4a8`]).toBeLessThan(m[`${kind}/w8a8`]!);
    for (const k of all) expect(m[k]).toBeGreaterThan(0);
    for (const k of studyPeKinds) expect(c.peAreaUm2[k]).toBeGreaterThan(0);
  });
});

describe('four-part energy', () => {
  it('each part is linear in its own count and independent of the others', () => {
    const a: ActivityCounts = { ...idle, pe: PE_KINDS['mixpe-w4a8'], macs: 1e6, weightsFed: 1e4, dequants: 1e3, buffers: [{ capacityBytes: 131072, bytes: 5e5 }], dramBytes: 2e5, seconds: 1e-3, pes: 4096 };
    const e1 = fourPartEnergy(c, a);
    const e2 = fourPartEnergy(c, { ...a, macs: 2e6, weightsFed: 2e4, dequants: 2e3 });
    expect(e2.core).toBeCloseTo(2 * e1.core, 18);
    expect([e2.buffer, e2.dram, e2.static]).toEqual([e1.buffer, e1.dram, e1.static]);
    expect(fourPartEnergy(c, { ...a, dramBytes: 4e5 }).dram).toBeCloseTo(2 * e1.dram, 18);
    expect(fourPartEnergy(c, { ...a, seconds: 3e-3 }).static).toBeCloseTo(3 * e1.static, 18);
    expect(e1.total).toBeCloseTo(e1.core + e1.buffer + e1.dram + e1.static, 18);
    // hand computation of the core part
    expect(e1.core).toBeCloseTo((1e6 * c.macPj['mixpe-w4a8/w4a8']! + 1e4 * c.feederPj['mixpe-w4a8/w4a8']! + 1e3 * c.dequantPj['mixpe-w4a8']) * 1e-12, 18);
  });

  it('an idle run costs nothing', () => {
    expect(fourPartEnergy(c, idle).total).toBe(0);
  });
});

const libSkip = missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz');
if (libSkip) console.warn(`skipping the leakage-density check: ${libSkip}`);

describe.skipIf(libSkip)('leakage density', () => {
  it('equals the area-weighted cell leakage of the Nangate45 typical library', () => {
    const lib = gunzipSync(readFileSync(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))).toString('utf8');
    let area = 0;
    let leakage = 0;
    // Independent plain scan of each cell's own area and cell_leakage_power attributes.
    for (const block of lib.split(/\n\s*cell\s*\(/).slice(1)) {
      const a = /\n\s*area\s*:\s*([\d.]+)/.exec(block);
      const l = /cell_leakage_power\s*:\s*([\d.]+)/.exec(block);
      if (a && l && Number(a[1]) > 0) { area += Number(a[1]); leakage += Number(l[1]); }
    }
    // nW / um^2 equals mW / mm^2.
    expect(leakage / area).toBeCloseTo(nangate45LeakageMwPerMm2, 1);
  });
});
