// Every command that reads a user's file, given a directory, an empty file, a binary file or a
// missing path instead: one located line (UserError, exit 1), never a stack trace, no output file.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { captureConsole } from '../helpers/console-capture.ts';

const { err } = captureConsole();
const dir = mkdtempSync(join(tmpdir(), 'tessera-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const folder = join(dir, 'folder.v');
mkdirSync(folder);
const empty = join(dir, 'empty.v');
writeFileSync(empty, '');
const binary = join(dir, 'binary.v');
// Bytes of no text encoding: NULs, high bytes, a gzip header in the middle.
writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 167 + (i >> 3)) & 0xff)));
const missing = join(dir, 'missing.v');
const good = { v: join(dir, 'good.v'), lib: join(dir, 'good.lib'), sdc: join(dir, 'good.sdc') };
writeFileSync(good.v, 'module t(a, y);\n  input a; output y;\n  INV u (.A(a), .Y(y));\nendmodule\n');
writeFileSync(good.sdc, 'create_clock -name c -period 1\nset_input_delay 0 -clock c [get_ports a]\nset_output_delay 0 -clock c [get_ports y]\n');
const table = (name: string) => `${name} (scalar) { values ("0.1"); }`;
writeFileSync(good.lib, `library (tiny) {
  time_unit : "1ns"; capacitive_load_unit (1, pf); voltage_unit : "1V";
  cell (INV) {
    area : 1;
    pin (A) { direction : input; capacitance : 0.001; }
    pin (Y) {
      direction : output; function : "!A";
      timing () { related_pin : "A"; timing_sense : negative_unate; ${['cell_rise', 'cell_fall', 'rise_transition', 'fall_transition'].map(table).join(' ')} }
    }
  }
}
`);

type Kind = 'directory' | 'empty' | 'binary' | 'missing';
const files: Record<Kind, string> = { directory: folder, empty, binary, missing };
const all: Kind[] = ['directory', 'empty', 'binary', 'missing'];
// An empty Verilog file or SDC is valid (no modules, no constraints); everywhere else empty means nothing to read.
const notEmpty: Kind[] = ['directory', 'binary', 'missing'];

/** Commands over one bad file (the same command with the good files must succeed); `out` is the file each would write. */
const commands: [string, Kind[], (file: string, out: string) => string[]][] = [
  ['verilog check', notEmpty, (f) => ['verilog', 'check', f]],
  ['verilog stats', notEmpty, (f, out) => ['verilog', 'stats', f, '--json', out]],
  ['aig stats', all, (f, out) => ['aig', 'stats', f, '--json', out]],
  ['dataset stats', all, (f) => ['dataset', 'stats', f]],
  ['predict qor', all, (f, out) => ['predict', 'qor', f, '--json', out]],
  ['timing report --netlist', all, (f, out) => ['timing', 'report', '--netlist', f, '--lib', good.lib, '--sdc', good.sdc, '--json', out]],
  ['timing report --lib', all, (f, out) => ['timing', 'report', '--netlist', good.v, '--lib', f, '--sdc', good.sdc, '--json', out]],
  ['timing report --sdc', notEmpty, (f, out) => ['timing', 'report', '--netlist', good.v, '--lib', good.lib, '--sdc', f, '--json', out]],
  ['predict qor --checkpoint', all, (f, out) => ['predict', 'qor', good.v, '--checkpoint', f, '--json', out]],
  ['gnn score --checkpoint', all, (f, out) => ['gnn', 'score', '--checkpoint', f, '--json', out]],
];

describe('bad input files give one line naming the file', () => {
  it('the good inputs are read (so the errors below come from the bad file)', async () => {
    expect(await main(['timing', 'report', '--netlist', good.v, '--lib', good.lib, '--sdc', good.sdc]), err.join('\n')).toBe(0);
    expect(await main(['predict', 'qor', good.v]), err.join('\n')).toBe(0);
  });

  for (const [name, kinds, args] of commands) {
    it(name, async () => {
      for (const kind of kinds) {
        const bad = files[kind];
        const out = join(dir, `${name.replace(/\W+/g, '-')}.json`);
        err.length = 0;
        let code: number;
        try {
          code = await main(args(bad, out));
        } catch (e) {
          throw new Error(`${name} on a ${kind} file: a crash instead of a user error: ${(e as Error).stack}`);
        }
        expect(code, `${name} on a ${kind} file: ${err.join('\n')}`).toBe(1);
        expect(err, `${name} on a ${kind} file`).toHaveLength(1);
        expect(err[0]!.split('\n'), `${name} on a ${kind} file: ${err[0]}`).toHaveLength(1);
        expect(err[0], `${name} on a ${kind} file`).toContain(bad.slice(bad.lastIndexOf('/') + 1));
        expect(existsSync(out), `${name} on a ${kind} file wrote ${out}`).toBe(false);
      }
    });
  }
});
