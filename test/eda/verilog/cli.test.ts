// `tessera verilog check`, `stats` and `compare`: exit codes and output.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../cli/main.ts';
import { missingTool } from '../../helpers/requirements.ts';

const missingTools = missingTool('iverilog') ?? missingTool('yosys') ?? missingTool('verilator');
if (missingTools) console.log(`skipping verilog compare: ${missingTools}`);

const dir = mkdtempSync(join(tmpdir(), 'tessera-vcli-'));
const good = join(dir, 'good.v');
const bad = join(dir, 'bad.v');
writeFileSync(good, 'module inv #(parameter W = 2) (input [W-1:0] a, output [W-1:0] y);\n  assign y = ~a + 1;\nendmodule\nmodule top(input [3:0] a, output [3:0] y);\n  inv #(4) u (a, y);\nendmodule\n');
writeFileSync(bad, 'module m;\n  assign = 1;\nendmodule\n');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await main(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('tessera verilog', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('check: exit 0 when clean, 1 with file:line:col diagnostics', async () => {
    expect((await run(['verilog', 'check', good])).code).toBe(0);
    const r = await run(['verilog', 'check', good, bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:2:10: error:`);
    expect(r.err).toContain('  assign = 1;\n           ^');
  });

  it('stats --json: modules, hierarchy, operators', async () => {
    const r = await run(['verilog', 'stats', good, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect([s.tops, s.hierarchyDepth, s.elaboratedInstances]).toEqual([['top'], 2, 1]);
    expect(s.modules[0].operators).toEqual({ '+': 1, '-': 2, '~': 1 });
  });

  it.skipIf(missingTools !== undefined)('compare: the files the tools accept or reject, ours beside them, as JSON', async () => {
    const json = join(dir, 'compare.json');
    const r = await run(['verilog', 'compare', good, bad, '--jobs', '2', '--json', json]);
    expect(r.out).toContain('2 files; iverilog -g2005 accepts 1, all three accept 1, all three reject 1');
    expect(r.out).toContain('crashes: 0');
    expect(r.code).toBe(0);
    const { rows } = JSON.parse(readFileSync(json, 'utf8')) as { rows: { file: string; ours: { accepted: boolean; located: boolean } }[] };
    expect(rows.map((x) => [x.file, x.ours.accepted, x.ours.located])).toEqual([[good, true, false], [bad, false, true]]);
  });

  it.skipIf(missingTools !== undefined)('compare --units: several files read as one design, figures per group', async () => {
    // A module defined in one file and instantiated in the next: one design for the tools and for us.
    const lib = join(dir, 'lib.v');
    const use = join(dir, 'use.v');
    writeFileSync(lib, 'module leaf(input [3:0] x, output y);\n  assign y = ^x;\nendmodule\n');
    writeFileSync(use, 'module user(input [3:0] x, output y);\n  leaf u (.x(x), .y(y));\nendmodule\n');
    const list = join(dir, 'units.txt');
    writeFileSync(list, `# two groups\ndesign ${lib} ${use} -I${dir}\nsingle ${use}\n`);
    const json = join(dir, 'units.json');
    const r = await run(['verilog', 'compare', '--units', list, '--jobs', '2', '--json', json]);
    expect(r.out).toContain('2 files; iverilog -g2005 accepts 1, all three accept 1, all three reject 1');
    expect(r.out).toContain('  design: 1 designs, iverilog accepts 1: we accept 1/1 (100.0%)');
    expect(r.out).toContain('  single: 1 designs, iverilog accepts 0');
    expect(r.code).toBe(0);
    const { rows } = JSON.parse(readFileSync(json, 'utf8')) as { rows: { file: string; group: string; ours: { accepted: boolean; located: boolean } }[] };
    expect(rows.map((x) => [x.file, x.group, x.ours.accepted, x.ours.located])).toEqual([[`${dir}/ (2 files)`, 'design', true, false], [use, 'single', false, true]]);
    expect((await run(['verilog', 'compare', '--units', join(dir, 'missing.txt')])).err).toContain('--units');
  });

  it('names the flag and valid forms on bad input', async () => {
    const r = await run(['verilog', 'check', good, '--define', '9x=1']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--define');
  });
});
