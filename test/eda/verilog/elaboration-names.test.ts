// Names and values of elaboration: generate-scope nets named per scope as Yosys names them
// (`g[3].x`, `genblk2.q`), escaped identifiers distinct from bus bits, x/z kept in parameters,
// defparam through any hierarchical path, constant functions, parameters referring forward.
import { describe, expect, it } from 'vitest';
import { elaborate, parseNetlistFull, parseVerilog, type ElaboratedInstance } from '../../../eda/verilog/index.ts';
import { yosysModules } from './yosys-structure.ts';
import { yosysMissing } from './yosys-stat.ts';

function elab(src: string, top?: string) {
  const r = parseVerilog(src, 'n.v');
  expect(r.diagnostics).toEqual([]);
  const e = elaborate([r.ast], { top });
  return e;
}

function find(i: ElaboratedInstance, path: string): ElaboratedInstance | undefined {
  if (i.path === path) return i;
  for (const c of i.children) {
    const f = find(c, path);
    if (f) return f;
  }
  return undefined;
}

const generateDesign = `
module leaf #(parameter W = 1) (input [W-1:0] a, output [W-1:0] y);
  assign y = ~a;
endmodule
module gen_names #(parameter N = 3) (input [7:0] a, output [7:0] y);
  genvar i, j;
  for (i = 0; i < 2; i = i + 1) begin : g
    wire [3:0] t;
    leaf #(.W(4)) u (.a(a[i*4 +: 4]), .y(y[i*4 +: 4]));
    for (j = 0; j < 2; j = j + 1) begin : h
      wire [1:0] x;
    end
  end
  if (N > 2) begin
    wire q;
  end else begin
    wire r;
  end
  case (N)
    3: begin : three wire s; end
    default: ;
  endcase
  if (N == 3) wire single;
endmodule
`;

describe('elaboration names', () => {
  it('names nets of generate blocks per scope and per iteration, unnamed blocks genblk<n>', () => {
    const e = elab(generateDesign, 'gen_names');
    expect(e.diagnostics).toEqual([]);
    const nets = e.tops[0].nets.map((n) => `${n.name}:${n.width}`);
    expect(nets).toEqual([
      'a:8', 'y:8', 'g[0].t:4', 'g[0].h[0].x:2', 'g[0].h[1].x:2', 'g[1].t:4', 'g[1].h[0].x:2', 'g[1].h[1].x:2',
      'genblk2.q:1', 'three.s:1', 'genblk4.single:1',
    ]);
    expect(e.tops[0].children.map((c) => c.path)).toEqual(['gen_names.g[0].u', 'gen_names.g[1].u']);
  });

  it.skipIf(yosysMissing !== undefined)('gives the generate nets the names Yosys gives them', async () => {
    const y = await yosysModules('n.v', generateDesign, [], {});
    expect(typeof y).not.toBe('string');
    if (typeof y === 'string') return;
    const theirs = Object.keys(y.gen_names.netnames).filter((n) => !n.startsWith('$')).sort();
    const ours = elab(generateDesign, 'gen_names').tops[0].nets.map((n) => n.name).sort();
    expect(ours).toEqual(theirs);
  });

  it('keeps an escaped identifier \\a[0] distinct from bit 0 of bus a', () => {
    const src = 'module m(input [1:0] a, output y, z);\n  wire \\a[0] ;\n  assign \\a[0] = ~a[0];\n  assign y = \\a[0] ;\n  assign z = a[0];\nendmodule\n';
    const e = elab(src);
    expect(e.diagnostics).toEqual([]);
    expect(e.tops[0].nets.map((n) => `${n.name}:${n.width}`)).toEqual(['a:2', 'y:1', 'z:1', 'a[0]:1']);
    const nl = parseNetlistFull(src, 'm.v').modules[0];
    expect(nl.assigns.map((x) => [x.lhs, x.rhs.kind === 'unary' ? x.rhs.arg : x.rhs])).toEqual([
      [{ kind: 'ref', name: 'a[0]' }, { kind: 'bit', name: 'a', index: 0 }],
      [{ kind: 'ref', name: 'y' }, { kind: 'ref', name: 'a[0]' }],
      [{ kind: 'ref', name: 'z' }, { kind: 'bit', name: 'a', index: 0 }],
    ]);
  });

  it('keeps x and z bits of parameters and localparams', () => {
    const e = elab("module m #(parameter [3:0] P = 4'b1x0z) (output [7:0] y);\n  localparam [7:0] Q = {P, 4'hz};\n  localparam R = 1'bx;\n  assign y = Q;\nendmodule\n");
    expect(e.diagnostics).toEqual([]);
    expect(e.tops[0].parameters).toEqual({ P: "4'b1x0z", Q: "8'b1x0zzzzz", R: "1'bx" });
  });

  it('applies defparam through any path: deep, absolute, from another top, into generate blocks and instance arrays', () => {
    const src = `
module leaf; parameter V = 0; endmodule
module mid; leaf inner (); endmodule
module top;
  mid m ();
  genvar i;
  for (i = 0; i < 2; i = i + 1) begin : g
    leaf u ();
  end
  leaf arr [1:0] ();
  leaf side ();
  defparam m.inner.V = 1;
  defparam top.g[1].u.V = 2;
  defparam arr[0].V = 3;
endmodule
module settings;
  defparam top.side.V = 4;
endmodule
`;
    const e = elaborate([parseVerilog(src, 'd.v').ast]);
    expect(e.diagnostics).toEqual([]);
    const top = e.tops.find((t) => t.module === 'top')!;
    const v = (path: string) => find(top, path)?.parameters.V;
    expect([v('top.m.inner'), v('top.g[0].u'), v('top.g[1].u'), v('top.arr[0]'), v('top.arr[1]'), v('top.side')]).toEqual(['1', '0', '2', '3', '0', '4']);
  });

  it('a defparam that changes a generate condition is applied until the design settles', () => {
    const src = `
module inner #(parameter DEEP = 0) ();
  if (DEEP) begin : d
    inner #(0) sub ();
  end
endmodule
module top;
  inner x ();
  defparam x.DEEP = 1;
  defparam x.d.sub.DEEP = 0;
endmodule
`;
    const e = elaborate([parseVerilog(src, 'd.v').ast], { top: 'top' });
    expect(e.diagnostics).toEqual([]);
    expect(find(e.tops[0], 'top.x.d.sub')?.parameters).toEqual({ DEEP: '0' });
  });

  it('reports a defparam to a missing instance or parameter at its line', () => {
    const src = 'module leaf; parameter V = 0; localparam L = 1; endmodule\nmodule top;\n  leaf u ();\n  defparam w.V = 1;\n  defparam u.W = 1;\n  defparam u.L = 1;\nendmodule\n';
    const e = elaborate([parseVerilog(src, 'd.v').ast]);
    expect(e.diagnostics.map((d) => d.line)).toEqual([4, 5, 6]);
  });

  it('evaluates constant functions (loops, case, recursion) and parameters that refer forward', () => {
    const src = `
module m #(parameter N = 300) ();
  localparam A = log2(N), B = fact(5), C = D + 1;
  localparam D = pick(2'd2);
  function integer log2(input integer v); integer t; begin t = v - 1; for (log2 = 0; t > 0; log2 = log2 + 1) t = t >> 1; end endfunction
  function automatic integer fact(input integer n); fact = n <= 1 ? 1 : n * fact(n - 1); endfunction
  function integer pick(input [1:0] k); case (k) 2'd2: pick = 40; default: pick = 0; endcase endfunction
endmodule
`;
    const e = elab(src);
    expect(e.diagnostics).toEqual([]);
    expect(e.tops[0].parameters).toMatchObject({ A: '9', B: '120', C: '41', D: '40' });
  });

  it('stops a constant function that recurses without end, with an error at the call', () => {
    const src = 'module m;\n  function automatic integer f(input integer n); f = f(n + 1); endfunction\n  localparam P = f(0);\nendmodule\n';
    const e = elaborate([parseVerilog(src, 'r.v').ast]);
    expect(e.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual(["3: value of 'P': constant function 'f' recurses more than 200 levels deep (in 'f(0)')"]);
  });
});
