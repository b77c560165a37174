// Logic constants (Liberty functions, case analysis, ties) and the SDC design rules, against
// values worked out by hand. The max-transition check is also compared with OpenSTA in
// sdc-semantics.test.ts; the Debian OpenSTA has no capacitance or fanout report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../../util/index.ts';
import { evalLogic, parseLogicFunction } from '../../../eda/timing/liberty/function.ts';
import { runTiming, timingJson } from '../../../eda/timing/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';

describe('Liberty functions in three-valued logic', () => {
  it('match a plain evaluation on every input combination, and reach no value from unknowns they need', () => {
    const cases: [string, string[], (v: number[]) => number][] = [
      ['!(A1&A2)', ['A1', 'A2'], ([a, b]) => 1 - (a! & b!)],
      ["(A1 A2)' + B", ['A1', 'A2', 'B'], ([a, b, c]) => (1 - (a! & b!)) | c!],
      ['(A1&B1&C1&D1) | (A2&B1&C1&D1)', ['A1', 'A2', 'B1', 'C1', 'D1'], ([a1, a2, b, c, d]) => (a1! & b! & c! & d!) | (a2! & b! & c! & d!)],
      ['!((!A)*B)', ['A', 'B'], ([a, b]) => 1 - ((1 - a!) & b!)],
      ['A^B^C', ['A', 'B', 'C'], ([a, b, c]) => a! ^ b! ^ c!],
      ['(!A)+(!B)', ['A', 'B'], ([a, b]) => (1 - a!) | (1 - b!)],
      ['0', ['A'], () => 0],
    ];
    for (const [text, pins, ref] of cases) {
      const f = parseLogicFunction(text)!;
      expect(f, text).toBeDefined();
      for (let m = 0; m < 1 << pins.length; m++) {
        const v = pins.map((_, i) => (m >> i) & 1);
        expect(evalLogic(f, (n) => v[pins.indexOf(n)] as 0 | 1), `${text} at ${v}`).toBe(ref(v));
      }
    }
    const nand = parseLogicFunction('!(A1&A2)')!;
    expect(evalLogic(nand, (n) => (n === 'A1' ? 0 : undefined))).toBe(1);
    expect(evalLogic(nand, (n) => (n === 'A1' ? 1 : undefined))).toBeUndefined();
    expect(parseLogicFunction('A1 &')).toBeUndefined();
  });
});

const skip = skipReason(missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz'));
const dir = mkdtempSync(join(tmpdir(), 'tessera-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)('design rules and constants on a hand-built Nangate45 netlist', () => {
  // a -> u0 (INV) -> n, which drives three inverters; b ties AND2 u4 to 0 through the case analysis.
  const netlist = `module t(clk, a, b, y1, y2, y3, z);
  input clk, a, b; output y1, y2, y3, z;
  wire n, q;
  INV_X1 u0 (.A(a), .ZN(n));
  INV_X1 u1 (.A(n), .ZN(y1));
  INV_X1 u2 (.A(n), .ZN(y2));
  INV_X1 u3 (.A(n), .ZN(y3));
  DFF_X1 r (.D(a), .CK(clk), .Q(q));
  AND2_X1 u4 (.A1(q), .A2(b), .ZN(z));
endmodule
`;
  const run = (sdcText: string) => {
    writeFileSync(join(dir, 't.v'), netlist);
    writeFileSync(join(dir, 't.sdc'), sdcText);
    return runTiming({ libs: [dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz')], netlist: join(dir, 't.v'), sdc: join(dir, 't.sdc') });
  };
  const base = 'create_clock -name c -period 1 [get_ports clk]\nset_input_delay 0 -clock c [get_ports {a b}]\nset_output_delay 0 -clock c [all_outputs]\n';

  it('fanout and capacitance of u0/ZN: three loads; their pin caps plus the fanout-3 wire load', () => {
    const lib = gunzipSync(readFileSync(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'))).toString('utf8');
    // By hand from the Liberty text: INV_X1's A capacitance (fF) and the default wire load's C per length and fanout-3 length.
    const inv = lib.slice(lib.indexOf('cell (INV_X1)'));
    const pinA = Number(/pin \(A\)[\s\S]*?capacitance\s*:\s*([\d.]+)/.exec(inv)![1]);
    const wl = lib.slice(lib.indexOf('wire_load("5K_hvratio_1_1")'));
    const capPerLength = Number(/capacitance : ([\d.e+-]+)/.exec(wl)![1]);
    const length3 = Number(/fanout_length\( 3, ([\d.]+) \)/.exec(wl)![1]);
    const expected = 3 * pinA + capPerLength * length3;
    const json = timingJson(run(`${base}set_max_fanout 2 [current_design]\nset_max_capacitance ${(expected - 0.01).toFixed(4)} [current_design]\n`).analysis, 0);
    expect(json.designRuleViolations.map((v) => [v.kind, v.pin, v.value])).toEqual([['capacitance', 'u0/ZN', expect.any(Number)], ['fanout', 'u0/ZN', 3]]);
    expect(json.designRuleViolations[0]!.value).toBeCloseTo(expected, 6);
  });

  it('a case-analysis constant silences the AND it forces and the paths through it; without it the path is timed', () => {
    const timed = timingJson(run(base).analysis, 0);
    expect(timed.endpoints.map((e) => e.pin)).toContain('z');
    const constant = timingJson(run(`${base}set_case_analysis 0 [get_ports b]\n`).analysis, 0);
    expect(constant.endpoints.map((e) => e.pin)).not.toContain('z');
    expect(constant.endpoints.map((e) => e.pin)).toContain('y1');
  });
});
