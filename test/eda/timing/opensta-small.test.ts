import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../../util/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';
import { runTiming, timingJson } from '../../../eda/timing/index.ts';
import { compareSlacks, openStaMissing, runOpenSta } from './opensta-reference.ts';

/** OpenSTA's own small SDF/SPEF test designs: every endpoint's slack against `sta` on the same files. */
const skip = skipReason(openStaMissing(), missingData('sdf_spef_small_opensta', 'sdf', 'sdf_test1.v'));

const dir = mkdtempSync(join(tmpdir(), 'tessera-sta-small-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const small = (...p: string[]) => dataPath('sdf_spef_small_opensta', ...p);

function check(name: string, top: string, netlist: string, files: { sdf?: string; spef?: string }) {
  const lib = dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz');
  const sdc = join(dir, `${name}.sdc`);
  writeFileSync(sdc, 'create_clock -name clk -period 2 {clk}\nset_input_delay 0.1 -clock clk [all_inputs]\nset_output_delay 0.1 -clock clk [all_outputs]\n');
  const ours = timingJson(runTiming({ libs: [lib], netlist, top, sdc, ...files }).analysis, 0);
  const ref = runOpenSta((f) => [`read_liberty ${f(lib)}`, `read_verilog ${netlist}`, `link_design ${top}`, `read_sdc ${sdc}`, ...(files.spef ? [`read_spef ${files.spef}`] : []), ...(files.sdf ? [`read_sdf ${files.sdf}`] : [])]);
  const slacks = (k: 'setupSlack' | 'holdSlack') => new Map(ours.endpoints.filter((e) => e[k] !== null).map((e) => [e.pin, e[k]!]));
  const setup = compareSlacks(slacks('setupSlack'), ref.setup);
  const hold = compareSlacks(slacks('holdSlack'), ref.hold);
  console.log(`${name}: setup ${setup.compared} max ${(setup.maxError * 1000).toFixed(3)} ps; hold ${hold.compared} max ${(hold.maxError * 1000).toFixed(3)} ps`);
  expect([setup.missing, setup.extra, hold.missing, hold.extra]).toEqual([[], [], [], []]);
  return { setup, hold };
}

describe.skipIf(skip !== undefined)('small OpenSTA SDF/SPEF cases', () => {
  it('SDF: IOPATH edges, INTERCONNECT, COND, DEVICE, stacked SETUP/HOLD/RECOVERY/REMOVAL, INCREMENT annotate as in OpenSTA (exact)', () => {
    for (const [n, sdf] of [['sdf_test1'], ['sdf_test2'], ['sdf_test3'], ['sdf_test4'], ['sdf_test5'], ['sdf_test5', 'sdf_test5_incr'], ['sdf_cond_pathpulse']] as [string, string?][]) {
      const r = check(sdf ?? n, n, small('sdf', `${n}.v`), { sdf: small('sdf', `${sdf ?? n}.sdf`) });
      expect(r.setup.maxError).toBeLessThan(0.0001);
      expect(r.hold.maxError).toBeLessThan(0.0001);
    }
    const w = check('search_test1-sdf', 'search_test1', small('search', 'search_test1.v'), { sdf: small('search', 'search_test1.opensta_written.sdf') });
    expect(w.setup.maxError).toBeLessThan(0.0001);
  });

  it('SPEF: search_test1 within 0.05 ps (nets the SPEF lacks get the wire-load model)', () => {
    const r = check('search_test1-spef', 'search_test1', small('search', 'search_test1.v'), { spef: small('search', 'search_test1.spef') });
    expect(r.setup.maxError).toBeLessThan(0.00005);
    expect(r.hold.maxError).toBeLessThan(0.00005);
  });
});
