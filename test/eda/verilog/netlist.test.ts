// The netlist reader against Yosys's own cell counts, and the fast path against the full front-end.
import { describe, expect, it } from 'vitest';
import { dataPath, missingData } from '../../../util/index.ts';
import { parseNetlist, parseNetlistFull, readVerilogSource } from '../../../eda/verilog/index.ts';
import { yosysCellCounts, yosysMissing } from './yosys-stat.ts';

const designs = [
  'timing_designs/nangate45_gcd/gcd_nangate45.v',
  'timing_designs/sky130hd_gcd/gcd_sky130hd.v',
  'timing_designs/ihp_sg13g2_i2c/i2c.v',
  'timing_designs/nangate45_example1/example1.v',
];
const missing = missingData('timing_designs') ?? yosysMissing;

describe('parseNetlist on small structural netlists', () => {
  it('reads ports with ranges, escaped names, named/positional pins, bit-selects, concatenations, constants and assigns', () => {
    const src = `module top(a, \\b[0] , y);
  input [3:0] a; input \\b[0] ; output [1:0] y;
  wire n1, n2;
  NAND2_X1 g1 (.A1(a[0]), .A2(\\b[0] ), .ZN(n1));
  INV_X1 g2 (n1, n2);
  MUX u3 (.S({a[3:2], 1'b0}), .Z(y[1]), .X());
  assign y[0] = ~n2 & a[1], n2 = 1'b1;
endmodule`;
    const n = parseNetlist(src, 't.v');
    expect(n.diagnostics).toEqual([]);
    const m = n.modules[0];
    expect(m.ports).toEqual([
      { name: 'a', direction: 'input', range: { msb: 3, lsb: 0 }, line: 2 },
      { name: 'b[0]', direction: 'input', range: undefined, line: 2 },
      { name: 'y', direction: 'output', range: { msb: 1, lsb: 0 }, line: 2 },
    ]);
    expect(m.cells.map((c) => c.name)).toEqual(['g1', 'g2', 'u3']);
    expect(m.cells[0].connections[1]).toEqual({ pin: 'A2', expr: { kind: 'ref', name: 'b[0]' } });
    expect(m.cells[1].connections).toEqual([{ expr: { kind: 'ref', name: 'n1' } }, { expr: { kind: 'ref', name: 'n2' } }]);
    expect(m.cells[2].connections).toEqual([
      { pin: 'S', expr: { kind: 'concat', parts: [{ kind: 'slice', name: 'a', msb: 3, lsb: 2 }, { kind: 'const', text: "1'b0", width: 1, bits: '0' }] } },
      { pin: 'Z', expr: { kind: 'bit', name: 'y', index: 1 } },
      { pin: 'X' },
    ]);
    expect(m.assigns.map((a) => a.rhs.kind)).toEqual(['binary', 'const']);
    // toEqual: keys holding undefined count as absent.
    expect(parseNetlistFull(src, 't.v').modules).toEqual(n.modules);
  });

  it('goes through the full front-end for behavioural modules (ISCAS89 style dff) and reports syntax errors without throwing', () => {
    const src = 'module dff (CK,Q,D); input CK,D; output Q; reg Q; always @ (posedge CK) Q <= D; endmodule\nmodule s(CK, A, Z); input CK, A; output Z; dff d0 (CK, Z, A); not n0 (W, A); endmodule';
    const n = parseNetlist(src, 's.v');
    expect(n.diagnostics).toEqual([]);
    expect(n.modules.map((m) => [m.name, m.behavioral, m.cells.length])).toEqual([['dff', true, 0], ['s', false, 2]]);
    const bad = parseNetlist('module m(a); input a; BUF b1 (.A(a), .Z(); endmodule', 'bad.v');
    expect(bad.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual(["1:42 expected ')', found ';'"]);
  });
});

describe.skipIf(missing !== undefined)('parseNetlist on the timing designs, against Yosys', () => {
  it.each(designs)('%s: cells per module as Yosys counts them; fast path equals the full front-end', (design) => {
    const text = readVerilogSource(dataPath(design));
    const fast = parseNetlist(text, design);
    expect(fast.diagnostics).toEqual([]);
    const yosys = yosysCellCounts(text, 'hierarchy');
    for (const m of fast.modules) {
      expect(m.cells.length, m.name).toBe(yosys.get(m.name)?.get('*') ?? 0);
      const byType = new Map<string, number>();
      for (const c of m.cells) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
      for (const [type, count] of byType) expect(count, `${m.name} ${type}`).toBe(yosys.get(m.name)?.get(type));
    }
    const full = parseNetlistFull(text, design);
    expect(full.modules).toEqual(fast.modules);
  });
});

if (missing) console.log(`skipping the netlist-vs-Yosys test: ${missing}`);
