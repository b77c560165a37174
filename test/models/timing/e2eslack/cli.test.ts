import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dataPath } from '../../../../util/index.ts';
import { missingData, skipReason } from '../../../helpers/requirements.ts';
import { main } from '../../../../cli/main.ts';
import { buildTimingGraph, parseDef, parseSdc, readLef, readLiberty, readVerilogNetlist } from '../../../../eda/timing/index.ts';
import { routeTechnology } from '../../../../eda/route-estimate/index.ts';
import { loadSlackModel, modelConstraints, parseSlackGraph, portLoads, predictSlack, propagate, shippedSlackModelDir } from '../../../../models/timing/e2eslack/index.ts';

const skip = skipReason(missingData('timing_designs', 'nangate45_gcd', 'gcd_nangate45_placed.def'));
const dir = mkdtempSync(join(tmpdir(), 'tessera-slack-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SDC = 'create_clock [get_ports clk] -name core_clock -period 0.3\nset_input_delay 0.06 -clock core_clock [all_inputs]\nset_output_delay 0.06 -clock core_clock [all_outputs]\n';

describe.skipIf(skip !== undefined)('tessera slack predict', () => {
  it('prints and writes the shipped model\'s setup slacks, the same as the full propagation gives', async () => {
    const files = {
      def: dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45_placed.def'),
      netlist: dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'),
      lib: dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'),
      lef: dataPath('lef', 'nangate45', 'Nangate45.lef'),
    };
    const sdcPath = join(dir, 'gcd.sdc');
    writeFileSync(sdcPath, SDC);
    const json = join(dir, 'pred.json');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const code = await main(['slack', 'predict', '--def', files.def, '--netlist', files.netlist, '--lib', files.lib, '--lef', files.lef, '--sdc', sdcPath, '--paths', '2', '--json', json]);
    log.mockRestore();
    expect(code ?? 0).toBe(0);
    const j = JSON.parse(readFileSync(json, 'utf8')) as { wns: number; tns: number; endpoints: { pin: string; slack: number }[] };
    expect(out.join('\n')).toMatch(/worst path \(predicted arrival, ns\)/);
    expect(out.join('\n')).toContain(`wns ${j.wns.toFixed(4)}`);
    // Independent of the command: the full (late and early) propagation from the library functions.
    const libs = [readLiberty(files.lib)];
    const lef = readLef([files.lef]);
    const graph = buildTimingGraph(readVerilogNetlist(files.netlist), libs);
    const sdc = parseSdc(SDC, 'gcd.sdc', { time: libs[0]!.timeUnit, cap: libs[0]!.capUnit });
    const { functions } = loadSlackModel(shippedSlackModelDir());
    const g = parseSlackGraph(graph, libs, sdc, parseDef(readFileSync(files.def, 'utf8'), files.def), lef, portLoads(graph, sdc), { tech: routeTechnology(lef, { defaultViaResistance: 5 }), geometry: functions.geometry });
    const c = modelConstraints(g);
    const full = predictSlack(g, c, propagate(g, c, functions));
    expect(j.endpoints.map((e) => [e.pin, e.slack])).toEqual(full.endpoints.map((e) => [graph.pins[e.pin]!.name, e.slack]));
    expect(j.endpoints.length).toBeGreaterThan(10);
    expect(j.wns).toBe(full.wns);
    expect(j.tns).toBe(full.tns);
    expect(j.wns).toBe(Math.min(0, ...j.endpoints.map((e) => e.slack)));
  });

  it('names the flag of a bad value', async () => {
    const err: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const code = await main(['slack', 'predict', '--def', 'x.def', '--lib', 'x.lib', '--lef', 'x.lef', '--sdc', 'x.sdc', '--paths', '-1']);
    spy.mockRestore();
    expect(code).not.toBe(0);
    expect(err.join('\n')).toMatch(/--paths/);
  });
});
