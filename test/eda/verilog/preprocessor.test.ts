import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkVerilog, DiagnosticSink, elaborate, parseDesignFiles, preprocess } from '../../../eda/verilog/index.ts';

const images = (text: string, opts = {}) => preprocess(text, 'top.v', opts).tokens.map((t) => t.image).join(' ');

describe('preprocess', () => {
  it('expands macros with arguments and defaults, nested uses included', () => {
    const src = '`define W 8\n`define ADD(a, b=1) ((a) + (b))\n`define TWICE(x) `ADD(x, x)\nassign y = `ADD(p, `W) + `ADD(q) + `TWICE(r);';
    expect(images(src)).toBe('assign y = ( ( p ) + ( 8 ) ) + ( ( q ) + ( 1 ) ) + ( ( r ) + ( r ) ) ;');
  });

  it('takes the right `ifdef/`elsif/`else branches, nested, and honours `undef and predefined macros', () => {
    const src = '`ifdef A a `elsif B b `else c `endif `ifndef A `ifdef B d `endif `endif `undef B `ifdef B e `else f `endif';
    expect(images(src)).toBe('c f');
    expect(images(src, { defines: { B: '' } })).toBe('b d f');
    expect(images(src, { defines: { A: '1', B: '' } })).toBe('a f');
  });

  it('turns ``NAME outside a macro body into a string of the macro text, with a warning (an Icarus Verilog extension)', () => {
    const sink = new DiagnosticSink();
    const r = preprocess('`define S "s1"\n`define P a\\b\n`define F(x) x + 1\n$display(``S, ``P, ``F(2), ``celldefine);', 'top.v', {}, sink);
    expect(r.tokens.filter((t) => t.kind === 'string').map((t) => t.image)).toEqual(['"\\"s1\\""', '"a\\\\b"', '"2 + 1"', '"`celldefine"']);
    expect(sink.list.map((d) => `${d.severity} ${d.col}`)).toEqual(['warning 10', 'warning 15', 'warning 20', 'warning 28']);
  });

  it('runs directives a macro body holds where the macro is used, arguments pasted into their names', () => {
    const src = '`define FAST_x\n`define PICK(m, a, b) \\\n `ifdef FAST_``m \\\n a \\\n `else \\\n b \\\n `endif\n`define DEF(n) `define n``_v 7\np `PICK(x, 1, 2) q `PICK(w, 1, 2) `DEF(k) r `k_v';
    expect(images(src)).toBe('p 1 q 2 r 7');
  });

  it('joins literals whose size or digits come from a macro', () => {
    expect(images("`define W 4\n`define V 5\nx = `W'b0 + 1'd`V;")).toBe("x = 4'b0 + 1'd5 ;");
  });

  const dir = mkdtempSync(join(tmpdir(), 'tessera-pp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('includes from the including folder, then the search path, and maps positions to the included file', () => {
    mkdirSync(join(dir, 'inc'));
    writeFileSync(join(dir, 'inc', 'defs.vh'), '`define WIDTH 16\n\n   wire `UNDEFINED;\n');
    writeFileSync(join(dir, 'local.vh'), 'localparam L = `WIDTH;\n');
    const r = preprocess('`include "defs.vh"\n`include "local.vh"\n`include "missing.vh"\n', join(dir, 'top.v'), { includeDirs: [join(dir, 'inc')] });
    expect(r.tokens.map((t) => t.image).join(' ')).toBe('wire ; localparam L = 16 ;');
    const l = r.tokens.find((t) => t.image === 'localparam')!;
    expect([l.file, l.line, l.col]).toEqual([join(dir, 'local.vh'), 1, 1]);
    expect(r.files).toEqual([join(dir, 'top.v'), join(dir, 'inc', 'defs.vh'), join(dir, 'local.vh')]);
  });

  it('searches the working folder last, as iverilog, Yosys and Verilator do', () => {
    const asked: string[] = [];
    const readFile = (p: string) => { asked.push(p); return p === resolve('cwd_only.vh') ? 'wire w;\n' : undefined; };
    const r = preprocess('`include "cwd_only.vh"\n', join(dir, 'sub', 'top.v'), { includeDirs: [join(dir, 'inc')], readFile });
    expect(asked).toEqual([join(dir, 'sub', 'cwd_only.vh'), join(dir, 'inc', 'cwd_only.vh'), resolve('cwd_only.vh')]);
    expect(r.tokens.map((t) => t.image).join(' ')).toBe('wire w ;');
  });

  it('reports undefined macros, unbalanced conditionals, missing includes and runaway recursion', () => {
    const sink = new DiagnosticSink();
    preprocess('`define R `R\n`R\n`FOO\n`endif\n`ifdef X\n`include "nope.vh"', 'top.v', {}, sink);
    expect(sink.list.map((d) => `${d.line}:${d.col} ${d.message.replace(/ \(searched.*/, '')}`)).toEqual([
      '2:1 macro `R expands more than 64 levels deep (recursive?)',
      '3:1 undefined macro `FOO',
      '4:1 `endif without `ifdef',
      '5:1 `ifdef has no matching `endif',
    ]);
  });
});

describe('the files of one design', () => {
  // Two files read as one design, as `iverilog a.v b.v` reads them: directives carry over.
  const first = '`define WIDTH 4\n`define ADD(a, b) ((a) + (b))\n`default_nettype none\n`timescale 1ns/1ps\nmodule leaf(input wire [`WIDTH-1:0] x, output wire y);\n  assign y = ^x;\nendmodule\n';
  const second = 'module top(input wire [`WIDTH-1:0] a, output wire [`WIDTH:0] s, output wire p);\n  assign s = `ADD(a, 1);\n  leaf u (.x(a), .y(p));\n  assign q = 1;\nendmodule\n`undef WIDTH\n';

  it('sees the macros, `default_nettype and `timescale of the files before', () => {
    const r = checkVerilog([{ file: 'leaf.v', text: first }, { file: 'top.v', text: second }]);
    // `q` is undeclared under the `default_nettype none carried from leaf.v; nothing else is wrong.
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}`)).toEqual(['top.v:4']);
    expect(r.parsed[1].preprocessed.timescale).toBe('1ns/1ps');
    expect(r.parsed[1].preprocessed.macros.has('WIDTH')).toBe(false);
    // Each file on its own: top.v does not know `WIDTH.
    expect(checkVerilog([{ file: 'top.v', text: second }]).diagnostics.some((d) => /WIDTH/.test(d.message))).toBe(true);
  });

  it('lets a later file change what an earlier one defined, and keeps command-line defines', () => {
    const a = '`define MODE 1\n';
    const b = '`undef MODE\n`define MODE 2\nmodule m; localparam P = `MODE + `EXTRA; endmodule\n';
    const parsed = parseDesignFiles([{ file: 'a.v', text: a }, { file: 'b.v', text: b }], { defines: { EXTRA: '10' } });
    expect(parsed.flatMap((p) => p.diagnostics)).toEqual([]);
    expect(elaborate(parsed.map((p) => p.ast)).tops[0].parameters.P).toBe('12');
  });
});
