import { describe, expect, it } from 'vitest';
import { lexVerilog, parseVerilogNumber } from '../../../eda/verilog/index.ts';

const kinds = (text: string) => lexVerilog(text, 't.v').tokens.map((t) => `${t.kind}:${t.image}`);

describe('lexVerilog', () => {
  it('classifies keywords, names, numbers, operators and strings with positions', () => {
    const r = lexVerilog('module m;\n  assign \\a[0]  = 8\'hFF >>> $clog2(W) ** 2.5e3; // c\n  "s\\"x"\nendmodule', 't.v');
    expect(r.diagnostics).toEqual([]);
    expect(r.tokens.map((t) => `${t.kind}:${t.image}`)).toEqual([
      'keyword:module', 'identifier:m', 'operator:;', 'keyword:assign', 'escaped-identifier:\\a[0]', 'operator:=', "number:8'hFF",
      'operator:>>>', 'system-identifier:$clog2', 'operator:(', 'identifier:W', 'operator:)', 'operator:**', 'real:2.5e3', 'operator:;',
      'string:"s\\"x"', 'keyword:endmodule',
    ]);
    const eq = r.tokens[5];
    expect([eq.line, eq.col, eq.offset]).toEqual([2, 17, 26]);
  });

  it('keeps sized literals with spaces and unsized/signed bases as one token', () => {
    expect(kinds("4 'b10_1x 'sd7 '0 'hz")).toEqual(["number:4 'b10_1x", "number:'sd7", "number:'0", "number:'hz"]);
  });

  it('tells @(*) from attributes', () => {
    expect(kinds('@(*) (* keep *)')).toEqual(['operator:@', 'operator:(', 'operator:*', 'operator:)', 'operator:(*', 'identifier:keep', 'operator:*)']);
  });

  it('captures `define bodies across continuation lines', () => {
    const r = lexVerilog('`define ADD(a, b) \\\n  ((a) + (b))\nx', 't.v');
    expect(r.tokens[0].payload).toBe(' ADD(a, b) \n  ((a) + (b))');
    expect(r.tokens[1].line).toBe(3);
  });

  it('reports bad characters, unterminated strings and comments and goes on', () => {
    const r = lexVerilog('a \u00a7 b\n"open\n/* never closed', 't.v');
    expect(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '1:3 unexpected character "\u00a7"', '2:1 unterminated string literal', '3:1 unterminated block comment',
    ]);
    expect(r.tokens.map((t) => t.image)).toEqual(['a', 'b', '"open']);
  });
});

describe('parseVerilogNumber', () => {
  it('decodes every base with x/z and sizes', () => {
    const bits = (t: string) => { const n = parseVerilogNumber(t); return typeof n === 'string' ? n : `${n.width}:${n.bits}`; };
    expect(bits("4'b1x0z")).toBe('4:1x0z');
    expect(bits("8'hA?")).toBe('8:1010zzzz');
    expect(bits("6'o7x")).toBe('6:111xxx');
    expect(bits("5'd9")).toBe('5:01001');
    expect(bits("3'hF")).toBe('3:111');
    expect(bits("'hx")).toBe(`32:${'x'.repeat(32)}`);
    expect(bits('12')).toBe(`32:${(12).toString(2).padStart(32, '0')}`);
    expect(bits("4'b102")).toMatch(/bad digits/);
  });
});
