// Unsized constants in concatenations (IEEE 1364-2005 5.1.14): a located error naming the operand
// and the fix, on the full front-end and on the netlist paths; operands of definite width pass.
// iverilog -g2005's verdict on each case is in the comment beside it (checked with iverilog 11).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVerilog, parseNetlist, parseNetlistFull } from '../../../eda/verilog/index.ts';
import { missingTool, toolPath } from '../../helpers/requirements.ts';

const design = (rhs: string) =>
  `module m(input [3:0] a, b, output [71:0] y);\n  parameter P = 5;\n  assign y = ${rhs};\nendmodule\n`;
const errors = (rhs: string) => checkVerilog([{ file: 'm.v', text: design(rhs) }]).diagnostics.filter((d) => d.severity === 'error');

describe('unsized constants in concatenations', () => {
  it('reports a bare unsized operand at its position, naming it and a sized form', () => {
    const [d, ...rest] = errors('{a, 5}');
    expect(rest).toEqual([]);
    expect([d.file, d.line, d.col]).toEqual(['m.v', 3, 18]);
    expect(d.message).toMatch(/concatenation operand '5' has no definite width.*5\.1\.14.*32'd5/);
  });

  it('refuses what iverilog refuses: replicated, based, negated and summed unsized operands', () => {
    expect(errors("{a, {2{5}}}")[0]?.message).toMatch(/operand '5'/); // iverilog: indefinite width
    expect(errors("{2{5}}")[0]?.message).toMatch(/operand '5'/); // iverilog: indefinite width
    expect(errors("{'hff, a}")[0]?.message).toMatch(/32'hff/); // iverilog: indefinite width
    expect(errors('{a, -5}')).toHaveLength(1); // iverilog: indefinite width
    expect(errors('{a, (b + 5)}')[0]?.message).toMatch(/'b \+ 5'.*unsized constant 5/); // iverilog: indefinite width
    expect(errors('{a, (b ? 5 : 4)}')).toHaveLength(1); // iverilog: indefinite width (one error per operand)
    expect(errors('{a, (5 << b)}')).toHaveLength(1); // iverilog: indefinite width
  });

  it('accepts operands of definite width: sized constants, counts, comparisons, reductions, shifts of sized values, parameters', () => {
    // iverilog accepts every one of these
    for (const rhs of ['{a, 32\'d5}', "{5{1'b1}}", '{a, b == 5}', '{a, &5}', '{a, !5}', '{a, b << 5}', '{a, P}', "{a, 4'd5 ** 2}"]) {
      expect(errors(rhs), rhs).toEqual([]);
    }
  });

  it('the netlist fast path hands such a file to the full front-end, which reports it at its position', () => {
    const text = 'module n(a, y);\n  input [3:0] a;\n  output [35:0] y;\n  assign y = {a, 5};\nendmodule\n';
    for (const parse of [parseNetlist, parseNetlistFull]) {
      const errs = parse(text, 'n.v').diagnostics.filter((d) => d.severity === 'error');
      expect(errs.map((d) => [d.line, d.col]), parse.name).toEqual([[4, 18]]);
      expect(errs[0].message).toMatch(/operand '5'/);
    }
    const fine = parseNetlist(text.replace('{a, 5}', "{a, 32'd5}"), 'n.v');
    expect(fine.diagnostics).toEqual([]);
    expect(fine.modules[0].assigns[0].rhs).toMatchObject({ kind: 'concat' });
  });
});

/** Random concatenation operands over sized and unsized leaves, each checked with iverilog -g2005's verdict. */
describe.skipIf(missingTool('iverilog'))('indefinite width against iverilog', () => {
  it('60 seeded random operands: ours refuses exactly those iverilog calls indefinite', () => {
    let seed = 24;
    const pick = <T,>(xs: readonly T[]): T => xs[(seed = (seed * 1103515245 + 12345) % 2147483648) % xs.length];
    const leaves = ['b', '5', "4'd3", 'P', "'h3", "2'b01", 'Q'] as const;
    const gen = (depth: number): string => {
      if (depth === 0) return pick(leaves);
      const form = pick(['leaf', 'unary', 'reduce', 'binary', 'shift', 'compare', 'cond'] as const);
      switch (form) {
        case 'leaf': return pick(leaves);
        case 'unary': return `${pick(['-', '~', '+'])}(${gen(depth - 1)})`;
        case 'reduce': return `${pick(['&', '|', '!'])}(${gen(depth - 1)})`;
        case 'binary': return `(${gen(depth - 1)} ${pick(['+', '-', '*', '&', '|', '^'])} ${gen(depth - 1)})`;
        case 'shift': return `(${gen(depth - 1)} ${pick(['<<', '>>', '**'])} ${gen(depth - 1)})`;
        case 'compare': return `(${gen(depth - 1)} ${pick(['==', '<', '&&'])} ${gen(depth - 1)})`;
        case 'cond': return `(${gen(depth - 1)} ? ${gen(depth - 1)} : ${gen(depth - 1)})`;
      }
    };
    const dir = mkdtempSync(join(tmpdir(), 'concat-width-'));
    try {
      const disagree: string[] = [];
      let indefinite = 0;
      for (let k = 0; k < 60; k++) {
        const operand = gen(1 + (k % 3));
        const text = `module m(input [3:0] b, output [255:0] y);\n  parameter P = 5;\n  parameter [2:0] Q = 5;\n  assign y = {b, ${operand}};\nendmodule\n`;
        const file = join(dir, `c${k}.v`);
        writeFileSync(file, text);
        const iv = spawnSync(toolPath('iverilog')!, ['-g2005', '-o', '/dev/null', file], { encoding: 'utf8' });
        const theirs = /indefinite width/.test(iv.stderr + iv.stdout);
        const ours = checkVerilog([{ file, text }]).diagnostics.some((d) => /no definite width/.test(d.message));
        if (theirs) indefinite++;
        if (theirs !== ours) disagree.push(`${operand}: iverilog ${theirs ? 'indefinite' : 'definite'}, ours ${ours ? 'indefinite' : 'definite'}`);
      }
      expect(disagree).toEqual([]);
      // both verdicts well represented, so the comparison can fail either way
      expect(Math.min(indefinite, 60 - indefinite), `${indefinite} of 60 indefinite`).toBeGreaterThan(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
