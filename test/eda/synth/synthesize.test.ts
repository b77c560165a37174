import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError, dataPath, UserError } from '../../../util/index.ts';
import { readLiberty, runYosys, synthesize, type YosysBackend } from '../../../eda/synth/index.ts';
import { missingData, missingTool, skipReason } from '../../helpers/requirements.ts';

// Results go to a private cache so the test never reads an entry another run wrote.
process.env.TESSERA_CACHE = mkdtempSync(join(tmpdir(), 'tessera-synth-cache-'));

const counter = `module counter(input clk, input rst, input [3:0] step, output reg [7:0] q);
  always @(posedge clk) if (rst) q <= 0; else q <= q + step;
endmodule
`;
const adderTop = `module add4(input [3:0] a, input [3:0] b, output [4:0] y);
  assign y = a + b;
endmodule
module pair(input [3:0] a, input [3:0] b, input [3:0] c, output [4:0] y, output [4:0] z);
  add4 u0(.a(a), .b(b), .y(y));
  add4 u1(.a(b), .b(c), .y(z));
endmodule
`;
const noNative = skipReason(missingTool('yosys'));
const libertyMissing = skipReason(missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz'));
const backends: YosysBackend[] = noNative ? ['wasm'] : ['wasm', 'native'];

describe('synthesize', () => {
  it('counts AIG nodes and levels as ABC reports them', async () => {
    const r = await synthesize({ sources: { 'pair.v': adderTop }, top: 'pair' });
    // ABC's own view of the same AIG: the flow's AND/NOT netlist read back by ABC (strash keeps it as is).
    const run = await runYosys({
      script: 'read_verilog pair.v\nsynth -flatten -top pair\nabc -g AND\nopt_clean\nabc -g AND -script check.abc\n',
      files: { 'pair.v': adderTop, 'check.abc': 'strash\nprint_stats\nmap\n' },
    });
    const m = /and\s*=\s*(\d+)\s+lev\s*=\s*(\d+)/.exec(run.log);
    expect(m).not.toBeNull();
    expect(r.aig.nodes).toBe(Number(m![1]));
    expect(r.aig.levels).toBe(Number(m![2]));
    expect(r.generic.cells).toBeGreaterThan(0);
  });

  it('the embedded Yosys leaves the main thread free while it runs (so Ctrl-C is acted on)', async () => {
    const run = () => runYosys({ script: 'read_verilog pair.v\nsynth -flatten -top pair\nabc -g AND\n', files: { 'pair.v': adderTop } });
    await run();
    // Run inside this thread, the WebAssembly call would block it: no turn of the event loop until it ends.
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    await run();
    running = false;
    expect(turns).toBeGreaterThan(20);
  });

  it('an 8-input AND is 7 nodes on 3 levels', async () => {
    const r = await synthesize({ sources: { 'and8.v': 'module and8(input [7:0] a, output y); assign y = &a; endmodule\n' }, top: 'and8' });
    expect(r.aig).toEqual({ nodes: 7, levels: 3 });
  });

  it.skipIf(noNative)('wasm (Yosys 0.55) and native (0.23) give the same generic counts and AIG for this design', async () => {
    const opts = { sources: { 'counter.v': counter }, top: 'counter', cache: false } as const;
    const [w, n] = await Promise.all([synthesize({ ...opts, backend: 'wasm' }), synthesize({ ...opts, backend: 'native' })]);
    expect(w.tool).toMatch(/^wasm /);
    expect(n.tool).toMatch(/^native /);
    expect(w.generic).toEqual(n.generic);
    expect(w.aig).toEqual(n.aig);
    // An 8-bit register with synchronous reset, and a 4-bit into 8-bit adder.
    expect(w.generic.cellsByType.$_SDFF_PP0_).toBe(8);
    expect(w.generic.cells).toBe(Object.values(w.generic.cellsByType).reduce((a, b) => a + b, 0));
  });

  for (const backend of backends) it.skipIf(libertyMissing)(`maps to Nangate45: area equals the sum of Liberty cell areas (${backend})`, async () => {
    const liberty = readLiberty(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'));
    const r = await synthesize({ sources: { 'counter.v': counter }, top: 'counter', liberty, backend, cache: false });
    expect(r.mapped).toBeDefined();
    // The first `area :` after the cell's opening brace (ff groups may come before it).
    const areaOf = (cell: string) => {
      const at = new RegExp(`cell\\s*\\(\\s*"?${cell}"?\\s*\\)\\s*\\{`).exec(liberty)!.index;
      return Number(/area\s*:\s*([\d.]+)/.exec(liberty.slice(at))![1]);
    };
    const sum = Object.entries(r.mapped!.cellsByType).reduce((s, [cell, n]) => s + n * areaOf(cell), 0);
    expect(r.mapped!.area).toBeCloseTo(sum, 3);
    expect(r.mapped!.delayPs).toBeGreaterThan(0);
  });

  it('caches by content: the second run is served from the cache', async () => {
    const sources = { 'and4.v': 'module and4(input [3:0] a, output y); assign y = &a; endmodule\n' };
    const first = await synthesize({ sources, top: 'and4' });
    const entries = readdirSync(join(process.env.TESSERA_CACHE!, 'synth'), { recursive: true }).length;
    expect(await synthesize({ sources, top: 'and4' })).toEqual(first);
    expect(readdirSync(join(process.env.TESSERA_CACHE!, 'synth'), { recursive: true }).length).toBe(entries);
  });
});

describe('errors from Yosys', () => {
  for (const backend of backends) {
    it(`a syntax error is a UserError at the file and line (${backend})`, async () => {
      const err = await synthesize({ sources: { 'broken.v': 'module broken(input a, output y);\n  assign y = a +;\nendmodule\n' }, top: 'broken', backend, cache: false }).catch((e: unknown) => e);
      expect(isUserError(err)).toBe(true);
      expect((err as UserError).where).toEqual({ file: 'broken.v', line: 2, col: 1 });
      expect((err as UserError).message).toMatch(/syntax error/);
    });

    it(`a missing top module names it (${backend})`, async () => {
      const err = await synthesize({ sources: { 'counter.v': counter }, top: 'nosuch', backend, cache: false }).catch((e: unknown) => e);
      expect(isUserError(err)).toBe(true);
      expect((err as UserError).message).toMatch(/nosuch/);
    });
  }

  it('a latch is refused by the check', async () => {
    const latch = 'module l(input en, input d, output reg q);\n  always @* if (en) q = d;\nendmodule\n';
    const err = await synthesize({ sources: { 'l.v': latch }, top: 'l', check: true, cache: false }).catch((e: unknown) => e);
    expect(isUserError(err)).toBe(true);
    expect((err as UserError).message).toMatch(/latch/i);
  });
});
