// KISS2 state tables as Verilog FSMs: iverilog simulating the generated module against a plain walk
// of the table (first matching row wins, `-` matches anything, `*` present state is any state).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiss2Verilog, parseKiss2, type Kiss2Table } from '../../../eda/dataset/index.ts';
import { SeededRandom } from '../../../models/common/index.ts';
import { dataPath, missingData } from '../../../util/index.ts';
import { missingTool, skipReason, toolPath } from '../../helpers/requirements.ts';

const table = `# a small table with a global reset row, don't cares and a state that holds
.i 3
.o 2
.p 7
.s 3
.r st1
1-- * st1 00
000 st1 st2 01
0-1 st1 st3 1-
010 st2 st3 11
001 st2 st1 10
0-- st3 * 01
011 st3 st2 11
.e
`;

/** The reference: walk the table by hand. */
function reference(t: Kiss2Table, inputs: string[]): string[] {
  let state = t.reset;
  return inputs.map((inp) => {
    const hit = t.rows.find((r) => (r.present === '*' || r.present === state) && [...r.input].every((c, i) => c === '-' || c === inp[i]));
    const out = hit ? hit.output.replace(/-/g, '0') : '0'.repeat(t.outputs);
    if (hit && hit.next !== '*') state = hit.next;
    return out;
  });
}

describe('KISS2 tables as Verilog', () => {
  it('parses the header, reset state first, rows in order; rejects a malformed row with file and line', () => {
    const t = parseKiss2(table);
    expect([t.inputs, t.outputs, t.reset, t.states]).toEqual([3, 2, 'st1', ['st1', 'st2', 'st3']]);
    expect(t.rows.length).toBe(7);
    expect(() => parseKiss2('.i 2\n.o 1\n01 a b 1\n0 a b 1\n', 'x.kiss2')).toThrow(/x\.kiss2:4/);
  });

  it.skipIf(skipReason(missingTool('iverilog'), missingTool('vvp')))('simulates (iverilog) as the table reads, cycle by cycle', () => {
    const t = parseKiss2(table);
    const r = new SeededRandom(4);
    const inputs = Array.from({ length: 200 }, () => Array.from({ length: 3 }, () => (r.next() < 0.5 ? '0' : '1')).join(''));
    const dir = mkdtempSync(join(tmpdir(), 'kiss2-'));
    const bench = `module tb; reg clk = 0, rst = 1; reg [2:0] in; wire [1:0] out; integer i; reg [2:0] stim [0:199];
  fsm dut(.clk(clk), .rst(rst), .in(in), .out(out));
  initial begin $readmemb("${join(dir, 'in.txt')}", stim); in = 0; #1 clk = 1; #1 clk = 0; rst = 0;
    for (i = 0; i < 200; i = i + 1) begin in = stim[i]; #1 $display("%b", out); clk = 1; #1 clk = 0; end end
endmodule\n`;
    writeFileSync(join(dir, 'in.txt'), inputs.join('\n'));
    writeFileSync(join(dir, 'fsm.v'), kiss2Verilog(t, 'fsm') + bench);
    const compiled = spawnSync(toolPath('iverilog')!, ['-g2005', '-o', join(dir, 'fsm.vvp'), join(dir, 'fsm.v')], { encoding: 'utf8' });
    expect(compiled.stderr).toBe('');
    const run = spawnSync(toolPath('vvp')!, ['-n', join(dir, 'fsm.vvp')], { encoding: 'utf8' });
    expect(run.stdout.trim().split('\n')).toEqual(reference(t, inputs));
  });

  it.skipIf(missingData('lgsynth91_mcnc', 'kiss2', 'dk14.kiss2'))('reads every LGSynth91 table', () => {
    const dir = dataPath('lgsynth91_mcnc', 'kiss2');
    for (const n of readdirSync(dir).filter((f) => f.endsWith('.kiss2'))) {
      const t = parseKiss2(readFileSync(join(dir, n), 'utf8'), n);
      expect(kiss2Verilog(t, 'm')).toContain('endmodule');
    }
  });
});
