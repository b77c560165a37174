import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parseNetlist, parseVerilog, printExpr, printVerilog, type Expr, type ModuleDecl } from '../../../eda/verilog/index.ts';
import { withoutLocations } from './strip-locations.ts';

/** One file touching every construct the front-end promises (IEEE 1364-2005 plus the SV subset). */
const everything = `
\`timescale 1ns/1ps
(* top = 1 *)
module all_in_one #(parameter integer W = 8, parameter [3:0] N = 4'd3, localparam D = $clog2(W))
  (input wire clk, input signed [W-1:0] a, b, output reg [W:0] y, inout tri z, output logic [1:0] sv);
  wire (strong0, weak1) #(1, 2) w1 = a & b;
  reg [7:0] mem [0:15];
  integer i; real r; time t; realtime rt; event ev;
  genvar g;
  localparam real PI = 3.14159;
  assign #1 z = clk ? 1'bz : 1'b0;
  assign {sv[1], sv[0]} = {2{a[0]}};
  always @(posedge clk or negedge b[0]) begin : seq
    reg [3:0] k;
    if (a > b) y <= a + b; else if (a == b) y <= {1'b0, a} << 1; else y <= #2 a - b;
    case (a[1:0]) 2'b00, 2'b01: y <= 0; 2'b1?: y <= 'hx; default: ; endcase
    casez (b) 8'b1???????: k = 4'd1; default k = 4'd0; endcase
    for (i = 0; i < 4; i = i + 1) mem[i] <= a[i*2 +: 2] ^ b[7 -: 2];
    -> ev;
  end
  always @* r = a * 2.5e-1;
  always @(*) t = $time;
  initial begin
    #10 wait (clk) repeat (2) @(negedge clk) $display("%d", a, , b);
    while (i > 0) i = i - 1;
    fork forever #5 disable seq; join
    force y = 0; release y; assign y = 1; deassign y;
    t = a ** 2 % 3 / 1 >>> 1 <<< 2 >= 1 <= 2 != 3 === 4 !== 5 && !a || ~^b ~& a ~| b;
  end
  function automatic [W-1:0] f(input [W-1:0] p, input integer q);
    reg [W-1:0] acc;
    begin acc = p >> q; f = acc; end
  endfunction
  task t1; input x; output [1:0] o; begin o = {x, x}; end endtask
  generate
    for (g = 0; g < N; g = g + 1) begin : lanes
      sub #(.W(W)) u (.a(a[g]), .y(), .c(clk));
    end
    if (W > 4) begin : wide assign z = 1'b1; end else assign z = 1'b0;
    case (N) 3: begin end default: ; endcase
  endgenerate
  sub #(8) u2 (a[0], , clk), u3 (b[0], y[0], clk);
  nand #(1:2:3) (w2, a[0], b[0]);
  bufif1 (strong0, strong1) b1 (z, a[1], b[1]);
  defparam u2.W = 4;
  specify (clk => y) = (1, 2); $setup(a, posedge clk, 1); endspecify
  always_ff @(posedge clk) sv <= '0;
endmodule
module sub #(parameter W = 1) (input a, output y, input c);
  assign y = \\a.b ;
  wire \\a.b = top.x.y[1];
endmodule
primitive udp_dff (q, d, clk);
  output q; reg q; input d, clk;
  initial q = 1'b0;
  table
    0 (01) : ? : 0;
    1 (01) : ? : 1;
    ? (?0) : ? : -;
  endtable
endprimitive
`;

describe('parseVerilog', () => {
  it('accepts every construct of the list and prints text that parses to the same tree', () => {
    const r = parseVerilog(everything, 'all.v');
    expect(r.diagnostics.map((d) => formatDiagnostic(d, () => everything))).toEqual([]);
    expect(r.ast.descriptions.map((d) => `${d.kind}:${'name' in d ? d.name : ''}`)).toEqual(['module:all_in_one', 'module:sub', 'primitive:udp_dff']);
    const again = parseVerilog(printVerilog(r.ast), 'printed.v');
    expect(again.diagnostics).toEqual([]);
    expect(withoutLocations(again.ast)).toEqual(withoutLocations(r.ast));
  });

  it('builds operator trees with the standard precedence', () => {
    const expr = (text: string) => {
      const r = parseVerilog(`module m; assign x = ${text}; endmodule`, 'e.v');
      const item = (r.ast.descriptions[0] as ModuleDecl).items[0] as { assignments: { rhs: Expr }[] };
      return printExpr(item.assignments[0].rhs);
    };
    // The printer adds only the parentheses precedence needs; fully parenthesised forms make the tree visible.
    expect(expr('a + b * c')).toBe('a + b * c');
    expect(expr('(a + b) * c')).toBe('(a + b) * c');
    expect(expr('a - b - c')).toBe('a - b - c');
    expect(expr('a - (b - c)')).toBe('a - (b - c)');
    expect(expr('a | b ^ c & d == e < f << g + h * i ** j')).toBe('a | b ^ c & d == e < f << g + h * i ** j');
    expect(expr('a || b && c ? d : e ? f : g')).toBe('a || b && c ? d : e ? f : g');
    expect(expr('-a[3] + ~&b')).toBe('-a[3] + ~&b');
  });

  it('records source ranges', () => {
    const r = parseVerilog('module m;\n  wire  a;\nendmodule\n', 'r.v');
    const m = r.ast.descriptions[0] as ModuleDecl;
    expect(m.loc).toEqual({ file: 'r.v', line: 1, col: 1, endLine: 3, endCol: 10 });
    expect(m.items[0].loc).toMatchObject({ line: 2, col: 3, endLine: 2, endCol: 11 });
  });

  it('reports every syntax error in one run, with excerpt and caret', () => {
    const src = 'module a;\n  assign x = ;\nendmodule\nmodule b(input c d);\nendmodule\nmodule c;\n  always @(posedge) x <= 1;\nendmodule\n';
    const r = parseVerilog(src, 'bad.v');
    expect(r.diagnostics.map((d) => d.line)).toEqual([2, 4, 7]);
    expect(formatDiagnostic(r.diagnostics[0], () => src)).toBe(
      "bad.v:2:14: error: unexpected ';' in unary (expected a unary operator, a number, a real number, a string, a system task or function, an identifier, ...)\n    assign x = ;\n               ^",
    );
  });
});

describe('a unary operator applied to a unary expression (1364-2005 A.8.3: its operand is a primary)', () => {
  const unary = ['+', '-', '!', '~', '&', '~&', '|', '~|', '^', '~^', '^~'];
  const file = (e: string) => `module t(input [3:0] a, b, output [3:0] y);\n  assign y = ${e};\nendmodule\n`;

  it('refuses every pair written apart, at the second operator, with the parenthesised form; accepts it parenthesised', () => {
    for (const outer of unary) {
      // The operand is printed back, with `^~` as its synonym `~^`.
      for (const inner of unary) {
        const r = parseVerilog(file(`${outer} ${inner}a`), 'u.v');
        expect(r.diagnostics.map((d) => [d.line, d.col, d.message.endsWith(`parenthesise the operand: ${outer}(${inner === '^~' ? '~^' : inner}a)`)]), `${outer} ${inner}a`).toEqual([[2, 15 + outer.length, true]]);
        expect(parseVerilog(file(`${outer}(${inner}a)`), 'u.v').diagnostics, `${outer}(${inner}a)`).toEqual([]);
      }
    }
    // One-token operators, and a binary operator before a unary one, are not pairs.
    for (const e of ['~&a', '~|a', '~^a', '^~a', 'a - -b', 'a & ~b', '-(-a) + ~(-b)']) expect(parseVerilog(file(e), 'u.v').diagnostics, e).toEqual([]);
  });

  it('is refused on the netlist fast path too, through the full front-end', () => {
    const net = (e: string) => parseNetlist(`module t(a, y);\n  input [3:0] a; output y;\n  assign y = ${e};\nendmodule\n`, 'n.v');
    expect(net('!~a').diagnostics).toMatchObject([{ line: 3, col: 15, severity: 'error' }]);
    expect(net('!~a').diagnostics[0].message).toContain('!(~a)');
    expect(net('~&a').diagnostics).toEqual([]);
    expect(net('!(~a)').diagnostics).toEqual([]);
  });
});

describe("iverilog's $attribute item", () => {
  const text = 'module m(input clk, output q);\n  reg r;\n  and g1 (q, clk, r);\n  $attribute(clk, "PAD", "39");\n  $attribute(g1, "LOC", "X0");\nendmodule\n';

  it('parses, prints back to the same tree, and keeps the target position', () => {
    const r = parseVerilog(text, 'a.v');
    expect(r.diagnostics).toEqual([]);
    const items = (r.ast.descriptions[0] as ModuleDecl).items.filter((i) => i.kind === 'icarus-attribute');
    expect(items.map((i) => i.kind === 'icarus-attribute' && [i.target, i.key, i.value, i.targetLoc.line, i.targetLoc.col])).toEqual([['clk', '"PAD"', '"39"', 4, 14], ['g1', '"LOC"', '"X0"', 5, 14]]);
    expect(withoutLocations(parseVerilog(printVerilog(r.ast), 'p.v').ast)).toEqual(withoutLocations(r.ast));
  });

  it('gives located errors, never an exception, when any one token of it is dropped', () => {
    // Every token of the two items removed in turn: each is a syntax error at a line of the file.
    const tokens = [...text.matchAll(/\$attribute|"[^"]*"|[(),;]|\w+/g)].filter((m) => m.index! >= text.indexOf('$attribute') && m.index! < text.indexOf('endmodule'));
    expect(tokens.length).toBe(18);
    for (const t of tokens) {
      const broken = text.slice(0, t.index) + text.slice(t.index! + t[0].length);
      const r = parseVerilog(broken, 'b.v');
      expect(r.diagnostics.filter((d) => d.severity === 'error').length, broken).toBeGreaterThan(0);
      expect(r.diagnostics.every((d) => d.line >= 1 && d.line <= 6), broken).toBe(true);
    }
  });
});
