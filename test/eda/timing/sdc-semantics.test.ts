// SDC: every command and option is applied or refused at its line, never dropped; the applied
// semantics (several input delays, -add_delay, -rise/-fall, -min/-max, unclocked delays, source
// latency, per-edge false paths, -filter/-of_objects, case analysis, max transition) against
// OpenSTA on the same design.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isUserError, dataPath, type UserError } from '../../../util/index.ts';
import { parseSdc, runTiming, timingJson } from '../../../eda/timing/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';
import { compareSlacks, openStaMissing, runOpenSta } from './opensta-reference.ts';

const refusal = (text: string): UserError => {
  try {
    parseSdc(text, 'x.sdc');
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error(`accepted: ${text}`);
};

describe('SDC reading: applied or refused, never dropped', () => {
  it('an unknown option is an error at its line naming the options the command takes', () => {
    const e = refusal('create_clock -name c -period 1 [get_ports clk]\nset_input_delay 0.1 -clock c -bogus [get_ports a]\n');
    expect(e.message).toBe('SDC: unknown option -bogus of set_input_delay');
    expect(e.where).toMatchObject({ file: 'x.sdc', line: 2 });
    expect(e.fix).toMatch(/-add_delay/);
  });

  it('options OpenSTA knows but this engine does not model are refused with what to do instead', () => {
    for (const [line, option] of [
      ['set_false_path -through [get_pins u1/A]', '-through'],
      ['set_input_delay 0.1 -clock c -reference_pin [get_pins r/CK] [get_ports a]', '-reference_pin'],
      ['set_driving_cell -lib_cell INV_X1 -multiply_by 2 [get_ports a]', '-multiply_by'],
      ['set_clock_uncertainty 0.1 -from c -to c', '-from'],
      ['set_timing_derate -clock 1.1', '-clock'],
      ['create_clock -name d -period 2 -add [get_ports clk]', '-add'],
    ] as const) {
      const e = refusal(`create_clock -name c -period 1 [get_ports clk]\n${line}\n`);
      expect(e.message).toMatch(new RegExp(`unsupported option ${option} of`));
      expect(e.where).toMatchObject({ line: 2 });
      expect(e.fix).toBeTruthy();
    }
    expect(refusal('set_multicycle_path 2 -setup -to [get_pins r/D]\n').message).toMatch(/unsupported SDC command "set_multicycle_path"/);
    expect(refusal('set_case_analysis rising [get_ports a]\n').message).toMatch(/rising/);
    expect(refusal('get_ports -filter "area == 3" a\n').message).toMatch(/filter attribute "area" is not supported/);
  });

  it('what reads but has no effect is a located warning, not silence', () => {
    const sdc = parseSdc('create_clock -name c -period 1 [get_ports clk]\nset_input_delay 0.2 [get_ports a]\nset_max_area 0\nputs "hello"\n', 'x.sdc');
    expect(sdc.warnings.map((w) => w.line)).toEqual([2, 3]);
    expect(sdc.warnings[0]!.message).toMatch(/without -clock: paths from these ports are unclocked and not checked/);
    expect(sdc.messages).toEqual(['hello']);
  });

  it('reads the options it applies', () => {
    const sdc = parseSdc([
      'create_clock -name c -period 1 [get_ports clk]',
      'set_input_delay 0.2 -clock c -clock_fall -add_delay -rise -max [get_ports -filter "direction == input" a*]',
      'set_clock_latency -source 0.3 [get_clocks c]',
      'set_false_path -rise_from [get_clocks c] -fall_to [get_pins -of_objects [get_cells r1] -filter "direction==input"]',
      'group_path -name io -to [get_ports out*]',
      'set_case_analysis 1 [get_ports scan_en]',
      'set_max_transition 0.5 [current_design]',
      'set_max_fanout 8 [get_ports a]',
    ].join('\n'), 'x.sdc');
    expect(sdc.inputDelays[0]).toMatchObject({ clock: 'c', clockFall: true, add: true, riseFall: 'rise', minMax: 'max', objects: { kind: 'port', filter: { op: '==', attribute: 'direction', value: 'input' } } });
    expect(sdc.inputDelays[0]!.delay).toBeCloseTo(0.2e-9, 20);
    expect(sdc.clocks[0]!.sourceLatency).toBeCloseTo(0.3e-9, 20);
    expect(sdc.clocks[0]!.latency).toBe(0);
    expect(sdc.falsePaths[0]).toMatchObject({ fromRiseFall: 'rise', toRiseFall: 'fall', to: [{ kind: 'pin', of: { kind: 'cell', patterns: ['r1'] } }] });
    expect(sdc.pathGroups).toEqual([{ name: 'io', from: [], to: [expect.objectContaining({ kind: 'port', patterns: ['out*'] })] }]);
    expect(sdc.caseAnalysis[0]).toMatchObject({ value: 1 });
    expect(sdc.designRules.map((r) => [r.kind, r.objects === undefined])).toEqual([['transition', true], ['fanout', false]]);
    expect(sdc.designRules[1]!.value).toBe(8);
  });
});

const skip = skipReason(openStaMissing(), missingData('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v'));
const dir = mkdtempSync(join(tmpdir(), 'tessera-sdc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)('SDC semantics against OpenSTA (nangate45 gcd)', () => {
  // Each construct below changes which arrivals, checks or margins exist at some endpoint.
  const sdcText = [
    'create_clock [get_ports clk] -name core_clock -period 0.5',
    'create_clock -name vclk -period 0.5',
    'set_input_delay 0.05 -clock core_clock [get_ports {req_* reset resp_rdy}]',
    'set_input_delay 0.12 -clock core_clock -add_delay -max [get_ports {req_msg[3]}]',
    'set_input_delay 0.10 -clock vclk -clock_fall -add_delay [get_ports {req_msg[4]}]',
    'set_input_delay 0.2 -clock core_clock -rise [get_ports {req_msg[5]}]',
    'set_input_delay 0.07 [get_ports {req_msg[6]}]',
    'set_output_delay 0.05 -clock core_clock [all_outputs]',
    'set_output_delay 0.1 -clock core_clock -fall -add_delay [get_ports {resp_msg[0]}]',
    'set_output_delay 0.02 -clock vclk [get_ports {resp_msg[1]}]',
    'set_clock_latency -source 0.03 [get_clocks core_clock]',
    'set_clock_latency 0.02 [get_clocks core_clock]',
    'set_clock_uncertainty -setup 0.01 [get_clocks core_clock]',
    'set_clock_uncertainty -hold 0.005 [get_clocks core_clock]',
    'set_false_path -rise_to [get_ports {resp_msg[2]}]',
    'set_false_path -fall_from [get_ports {req_msg[7]}]',
    'set_false_path -from [get_ports {req_msg[8]}] -to [get_pins -of_objects [get_cells -filter "ref_name == DFF_X1" _70*] -filter "direction == input"]',
    'set_case_analysis 0 [get_ports req_rdy]',
    'set_max_transition 0.03 [current_design]',
    '',
  ].join('\n');

  it('every endpoint slack within max(2 ps, 1%) of OpenSTA, no outliers; the same max-transition violators', () => {
    const sdc = join(dir, 'gcd.sdc');
    writeFileSync(sdc, sdcText);
    const lib = dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz');
    const netlist = dataPath('timing_designs', 'nangate45_gcd', 'gcd_nangate45.v');
    const ours = timingJson(runTiming({ libs: [lib], netlist, top: 'gcd', sdc }).analysis, 0);
    const ref = runOpenSta((f) => [`read_liberty ${f(lib)}`, `read_verilog ${netlist}`, 'link_design gcd', `read_sdc ${sdc}`], ['report_check_types -max_transition -all_violators -digits 6']);
    for (const k of ['setup', 'hold'] as const) {
      const c = compareSlacks(new Map(ours.endpoints.filter((e) => e[`${k}Slack`] !== null).map((e) => [e.pin, e[`${k}Slack`]!])), ref[k]);
      console.log(`gcd SDC semantics ${k}: ${c.compared} endpoints, max |err| ${(c.maxError * 1000).toFixed(4)} ps`);
      expect([c.missing, c.extra, c.outside]).toEqual([[], [], []]);
      expect(c.compared).toBeGreaterThan(40);
    }
    // report_check_types lists `pin limit slew slack (VIOLATED)`.
    const theirs = new Map([...ref.text.matchAll(/^(\S+)\s+([\d.]+)\s+([\d.]+)\s+-[\d.]+ \(VIOLATED\)/gm)].map((m) => [m[1]!, Number(m[3])]));
    const mine = new Map(ours.designRuleViolations.filter((v) => v.kind === 'transition').map((v) => [v.pin, v.value]));
    expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [pin, slew] of mine) expect(Math.abs(slew - theirs.get(pin)!)).toBeLessThan(2e-6);
    expect(mine.size).toBeGreaterThan(10);
  });
});
