import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dataPath } from '../../../util/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';
import { main } from '../../../cli/main.ts';

const skip = skipReason(missingData('timing_designs', 'nangate45_example1', 'example1.v'));
const dir = mkdtempSync(join(tmpdir(), 'tessera-timing-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip !== undefined)('tessera timing report', () => {
  it('prints report_checks-style paths and writes wns/tns/endpoint JSON', async () => {
    const sdc = join(dir, 'ex1.sdc');
    writeFileSync(sdc, 'create_clock -name clk -period 0.3 {clk1 clk2 clk3}\nset_input_delay -clock clk 0 {in1 in2}\n');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const json = join(dir, 'out.json');
    const code = await main(['timing', 'report', '--netlist', dataPath('timing_designs', 'nangate45_example1', 'example1.v'), '--lib', dataPath('liberty', 'nangate45', 'nangate45_slow.lib.gz'), '--sdc', sdc, '--paths', '2', '--json', json]);
    log.mockRestore();
    expect(code ?? 0).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/Startpoint: r2 \(rising edge-triggered flip-flop clocked by clk\)/);
    expect(text).toMatch(/slack \(VIOLATED\)/);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.wns).toBeLessThan(0);
    expect(j.tns).toBeLessThanOrEqual(j.wns);
    expect(j.endpoints.map((e: { pin: string }) => e.pin)).toEqual(['r1/D', 'r2/D', 'r3/D']);
    expect(j.paths).toHaveLength(2);
    // WNS is the worst endpoint slack when it is negative.
    expect(j.wns).toBeCloseTo(Math.min(...j.endpoints.map((e: { setupSlack: number }) => e.setupSlack)), 9);
  });

  it('names the flag of a bad input', async () => {
    const err: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const code = await main(['timing', 'report', '--lib', join(dir, 'missing.lib'), '--sdc', 'x.sdc', '--netlist', 'y.v']);
    spy.mockRestore();
    expect(code).not.toBe(0);
    expect(err.join('\n')).toMatch(/--lib/);
  });
});
