import { describe, expect, it } from 'vitest';
import { qorOf } from '../../../../models/qor/veridistill/training/qor-flow.ts';
import { netlistGraphFromYosysJson } from '../../../../models/qor/veridistill/training/netlist-graph.ts';
import { firstModuleName } from '../../../../models/qor/veridistill/training/corpus.ts';
import { moduleClosureText } from '../../../../models/qor/veridistill/module-text.ts';
import { labellingOrder } from '../../../../models/qor/veridistill/training/labels.ts';
import { capSynthetic } from '../../../../cli/commands/veridistill-corpus.ts';

describe('label plumbing', () => {
  it('labels the families in turns by cost: cheapest first within each, a cheap family gets more turns', () => {
    const designs = [
      { id: 'big/c', family: 'big', cost: 300 },
      { id: 'big/a', family: 'big', cost: 100 },
      { id: 'big/b', family: 'big', cost: 200 },
      { id: 'tiny/b', family: 'tiny', cost: 20 },
      { id: 'tiny/a', family: 'tiny', cost: 10 },
      { id: 'tiny/c', family: 'tiny', cost: 40 },
      { id: 'mid/a', family: 'mid', cost: 150 },
    ];
    const order = labellingOrder(designs, (d) => d.cost).map((d) => d.id);
    // Family costs so far: tiny 10, 30, 70; big 100, 300, 600; mid 150.
    expect(order).toEqual(['tiny/a', 'tiny/b', 'tiny/c', 'big/a', 'mid/a', 'big/b', 'big/c']);
    expect(labellingOrder([], () => 1)).toEqual([]);
  });

  it('labels the top module of the netlist JSON: Liberty area of its cells, the largest ABC delay', () => {
    const log = `ABC: WireLoad = "none"  Gates = 10 Area = 12.5 (100.0 %) Delay = 120.50 ps (1.0 %)\nABC: WireLoad = "none"  Gates = 3 Area = 2.1 (100.0 %) Delay = 310.25 ps\n`;
    const liberty = 'library (tiny) {\n  cell (INV_X1) { area : 0.532; }\n  cell (NAND2_X1) { area : 0.798; }\n}\n';
    const cells = (...types: string[]) => Object.fromEntries(types.map((type, i) => [`c${i}`, { type, connections: {} }]));
    const netlist = {
      modules: {
        INV_X1: { attributes: { blackbox: '00000000000000000000000000000001' } },
        top: { attributes: { top: '00000000000000000000000000000001' }, cells: cells('INV_X1', 'NAND2_X1', 'NAND2_X1', '$_DLATCH_P_') },
      },
    };
    const qor = qorOf(netlist, log, liberty)!;
    expect(qor.top).toBe('top');
    expect(qor.areaUm2).toBeCloseTo(0.532 + 2 * 0.798, 9);
    expect(qor.delayPs).toBe(310.25);
    expect(qorOf({ modules: { top: { cells: {} } } }, log, liberty)).toBeUndefined();
  });

  it('turns a mapped Yosys JSON netlist into driver -> reader edges', () => {
    // a -> INV -> NAND(a, inv) -> y
    const json = {
      modules: {
        top: {
          ports: { a: { direction: 'input', bits: [2] }, y: { direction: 'output', bits: [4] } },
          cells: {
            u1: { type: 'INV_X1', port_directions: { A: 'input', ZN: 'output' }, connections: { A: [2], ZN: [3] } },
            u2: { type: 'NAND2_X1', port_directions: { A1: 'input', A2: 'input', ZN: 'output' }, connections: { A1: [2], A2: [3], ZN: [4] } },
          },
        },
      },
    };
    const g = netlistGraphFromYosysJson(json, 'top');
    // nodes: 0 port a, 1 port y, 2 u1, 3 u2
    expect(g.nodeType.map((t) => g.types[t])).toEqual(['$port_in', '$port_out', 'INV_X1', 'NAND2_X1']);
    const edges = g.src.map((s, i) => `${s}->${g.dst[i]}`).sort();
    expect(edges).toEqual(['0->2', '0->3', '2->3', '3->1']);
  });

  it('finds the first module and the text of a top with what it instantiates', () => {
    const text = '/* module fake */ module leaf(input a, output b); assign b = a; endmodule\nmodule unused(); endmodule\nmodule top(input x, output y); leaf u(.a(x), .b(y)); endmodule';
    expect(firstModuleName(text)).toBe('leaf');
    const closure = moduleClosureText(text, 'top', 't.v');
    expect(closure).toContain('module leaf');
    expect(closure).toContain('module top');
    expect(closure).not.toContain('unused');
    expect(() => moduleClosureText(text, 'nope', 't.v')).toThrow(/not defined/);
  });
});

describe('the synthetic share of a labelled set', () => {
  it('keeps synthetic designs at most a third, the kinds in turns, in order', () => {
    const rec = (id: string) => ({ id, family: id.replace(/\/.*/, '') });
    const records = ['real/a', 'synthetic-fsm/f0', 'synthetic-fsm/f1', 'real/b', 'synthetic-memory/m0', 'synthetic-fsm/f2', 'real/c', 'real/d', 'synthetic-memory/m1'].map(rec);
    const { kept, surplus } = capSynthetic(records);
    expect(kept.map((r) => r.id)).toEqual(['real/a', 'synthetic-fsm/f0', 'real/b', 'synthetic-memory/m0', 'real/c', 'real/d']);
    expect(surplus.map((r) => r.id)).toEqual(['synthetic-fsm/f1', 'synthetic-fsm/f2', 'synthetic-memory/m1']);
    expect(capSynthetic(records.filter((r) => r.family === 'real')).surplus).toEqual([]);
  });
});
