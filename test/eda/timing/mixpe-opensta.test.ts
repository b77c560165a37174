import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../../util/index.ts';
import { missingData, missingTool, skipReason } from '../../helpers/requirements.ts';
import { mixpeEvalConfig, peKind } from '../../../hw/index.ts';
import { generateArrayDesign } from '../../../hdl-gen/index.ts';
import { runTiming, timingJson } from '../../../eda/timing/index.ts';
import { compareSlacks, openStaMissing, runOpenSta } from './opensta-reference.ts';

/**
 * The MixPE-W4A8 PE that hdl-gen writes (shift-and-add products, INT32 group partials), mapped to
 * Nangate45 by native Yosys (~2.5 s CPU), then timed by us and by OpenSTA. The whole 2x2 array
 * (70k cells, dominated by its FP32 dequantization units) costs Yosys ~140 s CPU: it is compared in
 * bench/array-timing.bench.ts instead (figures in docs/timing.md).
 */
const skip = skipReason(openStaMissing(), missingTool('yosys'), missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz'));

const dir = mkdtempSync(join(tmpdir(), 'tessera-mixpe-sta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip !== undefined)('STA of a Yosys-mapped MixPE array against OpenSTA', () => {
  it('WNS/TNS within 0.1%, every endpoint within 0.1 ps', { timeout: 300_000 }, () => {
    const pe = 'tessera_pe_mixpe_w4a8';
    const design = generateArrayDesign({ pe: peKind('mixpe-w4a8'), array: mixpeEvalConfig(2, 2), group: 8, scheme: 'symmetric' });
    const rtl = join(dir, 'array.v');
    const lib = join(dir, 'nangate45_typ.lib');
    const mapped = join(dir, 'mapped.v');
    writeFileSync(rtl, design.verilog);
    writeFileSync(lib, gunzipSync(readFileSync(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))));
    const script = `read_verilog ${rtl}; synth -flatten -top ${pe}; dfflibmap -liberty ${lib}; abc -liberty ${lib}; opt_clean; setundef -zero; hilomap -hicell LOGIC1_X1 Z -locell LOGIC0_X1 Z; splitnets -ports; opt_clean -purge; write_verilog -noattr -noexpr ${mapped}`;
    const y = spawnSync('yosys', ['-q', '-p', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(y.status, y.stderr).toBe(0);
    const sdc = join(dir, 'array.sdc');
    writeFileSync(sdc, 'create_clock -name clk -period 1.0 [get_ports clk]\nset_input_delay 0.1 -clock clk [all_inputs]\nset_output_delay 0.1 -clock clk [all_outputs]\n');
    const ours = timingJson(runTiming({ libs: [lib], netlist: mapped, sdc }).analysis, 0);
    const ref = runOpenSta(() => [`read_liberty ${lib}`, `read_verilog ${mapped}`, `link_design ${pe}`, `read_sdc ${sdc}`]);
    const slacks = (k: 'setupSlack' | 'holdSlack') => new Map(ours.endpoints.filter((e) => e[k] !== null).map((e) => [e.pin, e[k]!]));
    const setup = compareSlacks(slacks('setupSlack'), ref.setup);
    const hold = compareSlacks(slacks('holdSlack'), ref.hold);
    console.log(`mixpe PE: setup ${setup.compared}, max ${(setup.maxError * 1000).toFixed(3)} ps, ${setup.outside.length} outside (${setup.outside.slice(0, 3).join(' ')}); hold ${hold.compared}, max ${(hold.maxError * 1000).toFixed(3)} ps; wns ${ours.wns} vs ${ref.wns}; tns ${ours.tns} vs ${ref.tns}`);
    expect([setup.missing, setup.extra, hold.missing, hold.extra]).toEqual([[], [], [], []]);
    expect(setup.compared).toBeGreaterThan(400);
    expect(ref.tns).toBeLessThan(0);
    expect(Math.abs(ours.wns - ref.wns)).toBeLessThan(0.001 * Math.abs(ref.wns));
    expect(Math.abs(ours.tns - ref.tns)).toBeLessThan(0.001 * Math.abs(ref.tns));
    expect(setup.outside).toEqual([]);
    expect(hold.outside).toEqual([]);
    expect(setup.maxError).toBeLessThan(0.0001);
    expect(hold.maxError).toBeLessThan(0.0001);
  });
});
