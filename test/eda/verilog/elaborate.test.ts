// Elaboration against plain reference computations and Yosys's hierarchy.
import { describe, expect, it } from 'vitest';
import { clog2, designStats, elaborate, parseVerilog, type ElaboratedInstance } from '../../../eda/verilog/index.ts';
import { yosysCellCounts, yosysMissing } from './yosys-stat.ts';

const design = `
module leaf #(parameter W = 1) (input [W-1:0] a, output [W-1:0] y);
  assign y = ~a;
endmodule
module mid #(parameter N = 2, parameter W = 4) (input [W*N-1:0] a, output [W*N-1:0] y);
  localparam HALF = N / 2;
  genvar i;
  generate
    for (i = 0; i < N; i = i + 1) begin : g
      if (i % 2 == 0) begin : even
        leaf #(.W(W)) u (.a(a[i*W +: W]), .y(y[i*W +: W]));
      end else begin : odd
        leaf #(W) u (a[i*W +: W], y[i*W +: W]);
      end
    end
  endgenerate
endmodule
module top (input [$clog2(64)*4-1:0] a, output [23:0] y, output [19:0] z);
  mid #(.N(3), .W(8)) m1 (.a(a), .y(y));
  mid m2 (.a(a[19:0]), .y(z));
  defparam m2.N = 5;
endmodule
`;

function find(i: ElaboratedInstance, path: string): ElaboratedInstance | undefined {
  if (i.path === path) return i;
  for (const c of i.children) {
    const f = find(c, path);
    if (f) return f;
  }
  return undefined;
}

describe('elaborate', () => {
  it('$clog2 matches a plain reference', () => {
    for (let n = 0; n <= 5000; n++) expect(clog2(BigInt(n)), String(n)).toBe(BigInt(n <= 1 ? 0 : Math.ceil(Math.log2(n))));
  });

  it('$clog2, $rtoi and sizing of an infinite real give x bits (as iverilog), never an exception', () => {
    const text = 'module m; parameter real I = 1.0/0.0; parameter a = $clog2(I); parameter b = $clog2(-I); parameter integer c = $rtoi(I); parameter [7:0] d = I; endmodule';
    const r = elaborate([parseVerilog(text, 'inf.v').ast]);
    expect(r.diagnostics).toEqual([]);
    const x = (n: number) => `${n}'b${'x'.repeat(n)}`;
    expect(r.tops[0].parameters).toMatchObject({ a: x(32), b: x(32), c: x(32), d: x(8) });
  });

  it('takes a huge constant power modulo 2^width, and evaluates $abs, $min, $max, real %, <-> and ==? (extensions iverilog takes)', () => {
    const text = 'module m; localparam [5:0] a = 3; localparam [5:0] p = a ** 123456789; localparam q = 5 ** 1000001; localparam integer s = $abs(-7); localparam integer t = $max(3, 9) - $min(4, 2); localparam real u = 7.5 % 2.0; localparam real v = $abs(-2.5); localparam w = (1 <-> 1) * 4 + (0 <-> 1) * 2 + (2 <-> 3); localparam x = 1\'bx <-> 0; localparam y = {4\'b1010 ==? 4\'b1x1z, 4\'b1010 ==? 4\'b0xxx, 4\'b1x10 !=? 4\'b1010, 4\'b1x10 !=? 4\'b0010}; endmodule';
    const r = elaborate([parseVerilog(text, 'pow.v').ast]);
    expect(r.diagnostics).toEqual([]);
    // Python: pow(3, 123456789, 64) = 51; pow(5, 1000001, 2**32) = 2227860229, a signed 32-bit integer here; 7.5 % 2.0 = 1.5.
    // a <-> b: both true or both false (1800-2017 11.4.7); 2 and 3 are both true; x makes x.
    // a ==? b: x/z bits of b match anything, a differing known bit decides, an x of a elsewhere gives x (11.4.6).
    expect(r.tops[0].parameters).toMatchObject({ p: '51', q: String(2227860229 - 2 ** 32), s: '7', t: '7', u: '1.5', v: '2.5', w: '5', x: "1'bx", y: "4'b10x1" });
  });

  it('runs constant functions with local arrays: element and bit writes, x out of bounds (10.4.5)', () => {
    const text = `module m;
      function [31:0] sum_squares(input integer n);
        integer k; reg [15:0] sq [0:7];
        begin
          for (k = 0; k < 8; k = k + 1) sq[k] = k * k;
          sq[2][3:0] = 4'hf; sq[9] = 5;
          sum_squares = 0;
          for (k = 0; k < n; k = k + 1) sum_squares = sum_squares + sq[k];
        end
      endfunction
      localparam S = sum_squares(8);
      localparam X = sum_squares(9);
    endmodule`;
    const r = elaborate([parseVerilog(text, 'arrays.v').ast]);
    expect(r.diagnostics).toEqual([]);
    // Plain reference: the squares of 0..7 with sq[2] = 4 given its low four bits 1111 (15); sq[8] does not exist (x).
    const reference = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => k * k).reduce((a, b) => a + b, 0) - 4 + 15;
    expect(r.tops[0].parameters).toMatchObject({ S: String(reference), X: `32'b${'x'.repeat(32)}` });
  });

  it('reads ++x; and --x; as x = x + 1; and x = x - 1; (constant functions included)', () => {
    const text = 'module m; function [31:0] f(input [31:0] x); begin ++x[23:8]; --x[3:0]; f = x; end endfunction localparam P = f(32\'h00ffff00); endmodule';
    const r = elaborate([parseVerilog(text, 'inc.v').ast]);
    expect(r.diagnostics).toEqual([]);
    // Plain reference: bits 23:8 (0xffff) plus one wrap to 0; bits 3:0 (0) minus one give 0xf.
    const x = 0x00ffff00;
    const reference = ((x & ~0x00ffff00) | (((((x >>> 8) & 0xffff) + 1) & 0xffff) << 8) | ((((x & 0xf) - 1) & 0xf))) >>> 0;
    expect(r.tops[0].parameters.P).toBe(String(reference));
  });

  it('evaluates parameters with overrides and defparam, unrolls generate loops and conditions, and sizes nets', () => {
    const r = parseVerilog(design, 'd.v');
    expect(r.diagnostics).toEqual([]);
    const e = elaborate([r.ast]);
    expect(e.diagnostics).toEqual([]);
    expect(e.tops.map((t) => t.module)).toEqual(['top']);
    const top = e.tops[0];
    expect(top.nets.find((n) => n.name === 'a')).toEqual({ name: 'a', kind: 'input', width: 24, dims: [] });
    const m1 = find(top, 'top.m1')!;
    expect(m1.parameters).toEqual({ N: '3', W: '8', HALF: '1' });
    expect(find(top, 'top.m2')!.parameters).toEqual({ N: '5', W: '4', HALF: '2' });
    expect(m1.children.map((c) => c.path)).toEqual(['top.m1.g[0].even.u', 'top.m1.g[1].odd.u', 'top.m1.g[2].even.u']);
    expect(find(top, 'top.m1.g[1].odd.u')!.nets).toEqual([{ name: 'a', kind: 'input', width: 8, dims: [] }, { name: 'y', kind: 'output', width: 8, dims: [] }]);
    const stats = designStats([r.ast], e);
    expect([stats.hierarchyDepth, stats.elaboratedInstances, stats.instancesByType]).toEqual([3, 10, { leaf: 8, mid: 2 }]);
  });

  it.skipIf(yosysMissing !== undefined)('finds as many leaf instances as Yosys after flattening (one $not each)', () => {
    const e = elaborate([parseVerilog(design, 'd.v').ast]);
    const yosys = yosysCellCounts(design, 'hierarchy -top top; flatten');
    expect(designStats([], e).instancesByType.leaf).toBe(yosys.get('top')?.get('$not'));
  });

  it('reports unknown parameters, bad ports, non-constant ranges and self-instantiation', () => {
    const src = `module a #(parameter P = 1) (input x); wire [q:0] w; endmodule
module b; a #(.Q(2)) u (.y(1'b0)); endmodule
module c; c self (); endmodule`;
    const e = elaborate([parseVerilog(src, 'e.v').ast], { top: 'b' });
    expect(e.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      "2: module 'a' has no parameter 'Q'",
      "1: range bound: 'q' is not a constant (parameter, localparam or genvar)",
      "2: module 'a' has no port 'y'",
    ]);
    const self = elaborate([parseVerilog(src, 'e.v').ast], { top: 'c' });
    expect(self.diagnostics.map((d) => d.message)).toContain("module 'c' instantiates itself (through c -> c)");
  });
});
