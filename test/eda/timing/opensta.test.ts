import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../../util/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';
import { runTiming, timingJson } from '../../../eda/timing/index.ts';
import { compareSlacks, openStaMissing, runOpenSta } from './opensta-reference.ts';

/**
 * Our per-endpoint setup and hold slack, WNS and TNS against OpenSTA's on the same netlist,
 * Liberty, SDC and parasitics. Target: every endpoint within max(2 ps, 1%), WNS/TNS within 0.5%.
 * Where the target is not met the measured bound is asserted and explained in docs/timing.md.
 */
const skip = skipReason(openStaMissing(), missingData('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'));

const dir = mkdtempSync(join(tmpdir(), 'tessera-timing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  lib: string[];
  netlist: string[];
  top: string;
  sdc: string;
  spef?: string[];
  sdf?: string[];
}

function compare(name: string, c: Case) {
  const sdcFile = join(dir, `${name}.sdc`);
  writeFileSync(sdcFile, c.sdc);
  const lib = dataPath(...c.lib);
  const netlist = dataPath(...c.netlist);
  const spef = c.spef ? dataPath(...c.spef) : undefined;
  const sdf = c.sdf ? dataPath(...c.sdf) : undefined;
  const ours = timingJson(runTiming({ libs: [lib], netlist, top: c.top, sdc: sdcFile, spef, sdf }).analysis, 0);
  const ref = runOpenSta((f) => [
    `read_liberty ${f(lib)}`, `read_verilog ${f(netlist)}`, `link_design ${c.top}`, `read_sdc ${sdcFile}`,
    ...(spef ? [`read_spef ${spef}`] : []),
    ...(sdf ? [`read_sdf ${sdf}`] : []),
  ]);
  const slacks = (k: 'setupSlack' | 'holdSlack') => new Map(ours.endpoints.filter((e) => e[k] !== null).map((e) => [e.pin, e[k]!]));
  const setup = compareSlacks(slacks('setupSlack'), ref.setup);
  const hold = compareSlacks(slacks('holdSlack'), ref.hold);
  console.log(`${name}: setup ${setup.compared} endpoints, max |err| ${(setup.maxError * 1000).toFixed(3)} ps, ${setup.outside.length} outside target; hold ${hold.compared}, max ${(hold.maxError * 1000).toFixed(3)} ps, ${hold.outside.length} outside; wns ${ours.wns.toFixed(4)} vs ${ref.wns.toFixed(4)}, tns ${ours.tns.toFixed(4)} vs ${ref.tns.toFixed(4)}`);
  // The same endpoints are checked by both tools.
  expect(setup.missing).toEqual([]);
  expect(setup.extra).toEqual([]);
  expect(hold.missing).toEqual([]);
  expect(hold.extra).toEqual([]);
  return { ours, ref, setup, hold };
}

const relClose = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-6);
const example1Sdc = 'create_clock -name clk -period 10 {clk1 clk2 clk3}\nset_input_delay -clock clk 0 {in1 in2}\n';
const gcdSdc = (period: number) => `create_clock [get_ports clk] -name core_clock -period ${period}\nset_input_delay 0 -clock core_clock [all_inputs]\nset_output_delay 0 -clock core_clock [all_outputs]\n`;
const gf = (f: string) => ['timing_designs', 'gf180mcu_caravel_user_proj_example', f];
const gfCase = (spef: boolean): Case => ({
  lib: ['liberty', 'gf180mcu_fd_sc_mcu7t5v0', 'gf180mcu_fd_sc_mcu7t5v0__tt_025C_5v00.lib.gz'], netlist: gf('user_proj_example.gl.v'), top: 'user_proj_example',
  sdc: readSdcText(gf('user_proj_example.sdc')), ...(spef ? { spef: gf('user_proj_example.spef') } : {}),
});

describe.skipIf(skip !== undefined)('STA against OpenSTA', () => {
  it('example1 (Nangate45 slow, wire-load model): every endpoint within 0.05 ps', () => {
    const r = compare('example1', { lib: ['liberty', 'nangate45', 'nangate45_slow.lib.gz'], netlist: ['timing_designs', 'nangate45_example1', 'example1.v'], top: 'top', sdc: example1Sdc });
    expect(r.setup.maxError).toBeLessThan(0.00005);
    expect(r.hold.maxError).toBeLessThan(0.00005);
    // False paths remove the same endpoints in both tools (compare() asserts equal endpoint sets).
    const fp = compare('example1-false-paths', { lib: ['liberty', 'nangate45', 'nangate45_slow.lib.gz'], netlist: ['timing_designs', 'nangate45_example1', 'example1.v'], top: 'top', sdc: `${example1Sdc}set_false_path -from [get_ports in1]\nset_false_path -hold -to [get_pins r3/D]\n` });
    expect(fp.ref.setup.has('r1/D')).toBe(false);
    expect(fp.ref.hold.has('r3/D')).toBe(false);
    expect(fp.setup.maxError).toBeLessThan(0.00005);
  });

  it('nangate45 gcd (wire-load model), met and violated: slack within 0.05 ps, WNS/TNS within 0.1%', () => {
    const met = compare('gcd', { lib: ['liberty', 'nangate45', 'nangate45_typ.lib.gz'], netlist: ['timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'], top: 'gcd', sdc: gcdSdc(0.485) });
    expect(met.setup.maxError).toBeLessThan(0.00005);
    expect(met.hold.maxError).toBeLessThan(0.00005);
    const tight = compare('gcd-0.3ns', { lib: ['liberty', 'nangate45', 'nangate45_typ.lib.gz'], netlist: ['timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'], top: 'gcd', sdc: gcdSdc(0.3) });
    expect(tight.ref.tns).toBeLessThan(0);
    expect(relClose(tight.ours.wns, tight.ref.wns, 0.001)).toBe(true);
    expect(relClose(tight.ours.tns, tight.ref.tns, 0.001)).toBe(true);
    expect(tight.setup.maxError).toBeLessThan(0.00005);
  });

  it('gf180 user_proj_example (propagated clock, derates, driving cells, per-path CRPR): every endpoint within 2 ps', () => {
    const r = compare('gf180', gfCase(false));
    expect(r.setup.outside).toEqual([]);
    expect(r.hold.outside).toEqual([]);
    expect(r.setup.maxError).toBeLessThan(0.002);
    expect(r.hold.maxError).toBeLessThan(0.002);
  });

  it('gf180 user_proj_example with its SPEF: every endpoint within target, within 2 ps', () => {
    const r = compare('gf180-spef', gfCase(true));
    expect(r.setup.outside).toEqual([]);
    expect(r.hold.outside).toEqual([]);
    expect(r.setup.maxError).toBeLessThan(0.002);
    expect(r.hold.maxError).toBeLessThan(0.002);
  });

  it('SDF annotation: example1 (hand SDF) exact, gf180 (OpenSTA-written SDF) setup exact', () => {
    const ex = compare('example1-sdf', { lib: ['liberty', 'nangate45', 'nangate45_slow.lib.gz'], netlist: ['timing_designs', 'nangate45_example1', 'example1.v'], top: 'top', sdc: example1Sdc, sdf: ['timing_designs', 'nangate45_example1', 'example1.sdf'] });
    expect(ex.setup.maxError).toBeLessThan(1e-5);
    expect(ex.hold.maxError).toBeLessThan(1e-5);
    const g = compare('gf180-sdf', { ...gfCase(false), sdf: gf('user_proj_example.sdf') });
    expect(g.setup.maxError).toBeLessThan(1e-4);
    // Hold: conditional IOPATHs (COND on the Liberty sdf_cond) and per-path CRPR as OpenSTA.
    expect(g.hold.outside).toEqual([]);
    expect(g.hold.maxError).toBeLessThan(0.002);
  });

  it('sky130 gcd, wire-load model and SPEF: every endpoint within 0.5 ps', () => {
    const base = { lib: ['liberty', 'sky130_fd_sc_hd', 'sky130hd_tt.lib.gz'], netlist: ['timing_designs', 'sky130hd_gcd', 'gcd_sky130hd.v'], top: 'gcd', sdc: readSdcText(['timing_designs', 'sky130hd_gcd', 'gcd_sky130hd.sdc']) };
    const wl = compare('sky130-gcd', base);
    expect(wl.setup.maxError).toBeLessThan(0.0005);
    expect(wl.hold.maxError).toBeLessThan(0.0005);
    const sp = compare('sky130-gcd-spef', { ...base, spef: ['timing_designs', 'sky130hd_gcd', 'gcd_sky130hd.spef'] });
    expect(sp.setup.maxError).toBeLessThan(0.0005);
    expect(sp.hold.maxError).toBeLessThan(0.0005);
  });

  it('nangate45 aes_cipher_top at 0.6 ns (18.9k cells, 659 violations): endpoints within 0.1 ps, WNS/TNS within 0.1%', () => {
    const sdc = readSdcText(['timing_designs', 'nangate45_aes_cipher_top', 'aes_cipher_top.sdc']).replace('-period 5 -waveform {0 2.5}', '-period 0.6 -waveform {0 0.3}');
    const r = compare('aes-0.6ns', { lib: ['liberty', 'nangate45', 'nangate45_typ.lib.gz'], netlist: ['timing_designs', 'nangate45_aes_cipher_top', 'aes_cipher_top.v'], top: 'aes_cipher_top', sdc });
    expect(r.ref.tns).toBeLessThan(0);
    expect(r.setup.outside).toEqual([]);
    expect(r.hold.outside).toEqual([]);
    expect(r.setup.maxError).toBeLessThan(0.0001);
    expect(r.hold.maxError).toBeLessThan(0.0001);
    expect(relClose(r.ours.wns, r.ref.wns, 0.001)).toBe(true);
    expect(relClose(r.ours.tns, r.ref.tns, 0.001)).toBe(true);
  });

  it('nangate45 ibex_core (29.3k cells): every endpoint within 0.1 ps', () => {
    const r = compare('ibex', { lib: ['liberty', 'nangate45', 'nangate45_typ.lib.gz'], netlist: ['timing_designs', 'nangate45_ibex_core', 'ibex_core.v.gz'], top: 'ibex_core', sdc: readSdcText(['timing_designs', 'nangate45_ibex_core', 'ibex_core.sdc']) });
    expect(r.setup.outside).toEqual([]);
    expect(r.hold.outside).toEqual([]);
    expect(r.setup.maxError).toBeLessThan(0.0001);
    expect(r.hold.maxError).toBeLessThan(0.0001);
  }, 300_000);
});

function readSdcText(p: string[]): string {
  return readFileSync(dataPath(...p), 'utf8');
}
