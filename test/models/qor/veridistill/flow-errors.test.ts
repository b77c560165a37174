// The refusals of the labelling flow that the corpus meets, as `predict qor --compare` reports them:
// Yosys's own message at the file position, and what to do.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../../helpers/console-capture.ts';
import { main } from '../../../../cli/main.ts';
import { loadLibrary } from '../../../../eda/synth/index.ts';
import { synthesizeQor } from '../../../../models/qor/veridistill/training/index.ts';
import { UserError, formatWhere } from '../../../../util/index.ts';

const { out, err } = captureConsole();

const refused: [string, Record<string, string>, string | undefined, RegExp, string, RegExp][] = [
  ['a memory file', { 'rom.v': 'module rom(input clk, input [1:0] a, output reg [7:0] q);\nreg [7:0] m [0:3];\ninitial $readmemh("rom.hex", m);\nalways @(posedge clk) q <= m[a];\nendmodule\n' }, undefined, /Can not open file `rom\.hex` for/, 'rom.v:3', /Verilog files only.*memory file 'rom\.hex'/],
  ['a simulation stop', { 'cop.v': 'module cop(input clk, input e);\nalways @(posedge clk)\n  if (e) $stop;\nendmodule\n' }, undefined, /\$stop' outside initial block/, 'cop.v:3', /test-bench file out.*translate_off/],
  ['a module defined twice', { 'a.v': 'module m(input a, output b);\nassign b = a;\nendmodule\n', 'b.v': '// copy\nmodule m(input a, output b);\nassign b = ~a;\nendmodule\n' }, undefined, /Re-definition of module/, 'b.v:2', /module m is defined twice \(a\.v:1\)/],
  ['a module no file defines', { 'w.v': 'module w(input a, output b);\n  // core c(.a(a));\n  core #(.N(2)) c0 (.a(a), .b(b));\nendmodule\n' }, 'w', /Module `\\?core' referenced in module `\\?w'/, 'w.v:3', /no file given defines module core/],
  ['a parameter check', { 'e.v': 'module e #(parameter W = 4) (input [W-1:0] a, output [W-1:0] b);\ninitial if (W % 8 != 0) begin $error("width"); $finish; end\nassign b = a;\nendmodule\n' }, undefined, /\$error/, 'e.v:2', /own check.*rejects its parameter values/],
];

describe('labelling-flow refusals', () => {
  it.each(refused)('%s: Yosys\'s message at the position, with the fix', async (_name, sources, top, message, position, fix) => {
    const e = await synthesizeQor(sources, top, loadLibrary('sky130').text, 'wasm', false).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    const u = e as UserError;
    expect(u.message).toMatch(message);
    expect(typeof u.where === 'object' && formatWhere(u.where)).toMatch(new RegExp(`^${position.replace('.', '\\.')}:`));
    expect(u.fix).toMatch(fix);
  });

  it('predict qor --compare exits non-zero with the position and the fix, and prints no prediction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flow-errors-'));
    const file = join(dir, 'cop.v');
    writeFileSync(file, refused[1][1]['cop.v']);
    expect(await main(['predict', 'qor', file, '--compare'])).not.toBe(0);
    expect(err.join('\n')).toMatch(/cop\.v:3:\d+: .*\$stop' outside initial block.*test-bench file out/);
    expect(out.join('\n')).not.toMatch(/predicted/);
  }, 60_000);
});
