// How corpora become designs: BENCH/BLIF/AIGER converted by our readers, unreadable files kept as
// failed designs, library folders, variant folders, and the flow's handling of repeated modules and of
// designs with no logic.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aigStats, parseCircuit, readBench } from '../../../eda/aig/index.ts';
import { CORPUS_PRESETS, corpusDesigns } from '../../../eda/dataset/index.ts';
import { hasNativeYosys } from '../../../eda/synth/index.ts';
import { runRecipes } from '../../../eda/synth/recipes/index.ts';
import { missingData } from '../../../util/index.ts';

const work = mkdtempSync(join(tmpdir(), 'tessera-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const native = await hasNativeYosys();

describe('a folder corpus', () => {
  const dir = join(work, 'mixed');
  mkdirSync(dir);
  const bench = 'INPUT(a)\nINPUT(b)\nOUTPUT(y)\nq = DFF(y)\ny = NAND(a, q)\n';
  writeFileSync(join(dir, 'seq.bench'), bench);
  // 14 inputs to one .names: more than Yosys 0.23's read_blif takes.
  const ins = Array.from({ length: 14 }, (_, i) => `i${i}`);
  writeFileSync(join(dir, 'wide.blif'), `.model wide\n.inputs ${ins.join(' ')}\n.outputs y\n.names ${ins.join(' ')} y\n${'1'.repeat(14)} 1\n.end\n`);
  writeFileSync(join(dir, 'broken.bench'), 'INPUT(a)\nOUTPUT(y)\ny = AND(a, nowhere)\n');

  it('converts .bench and .blif to ASCII AIGER with the same circuit, and keeps an unreadable file as a failed design with its position', () => {
    const designs = corpusDesigns(dir);
    expect(designs.map((d) => d.id)).toEqual(['broken', 'seq', 'wide']);
    const [broken, seq, wide] = designs;
    expect(Object.keys(seq.files)).toEqual(['seq.aag']);
    expect(aigStats(parseCircuit(new TextEncoder().encode(seq.files['seq.aag']), 'seq.aag'))).toEqual(aigStats(readBench(bench, 'seq.bench')));
    expect(aigStats(parseCircuit(new TextEncoder().encode(wide.files['wide.aag']), 'wide.aag'))).toMatchObject({ inputs: 14, outputs: 1, ands: 13 });
    expect(broken.unreadable).toMatch(/broken\.bench:3:\d+: .*nowhere/);
  });
});

const missing = missingData('iscas_ispras') ?? missingData('rtl/alexforencich_verilog_axis') ?? missingData('rtl/iwls05_opencores');
if (missing) console.warn(`skipping corpus preset tests: ${missing}`);

describe.skipIf(missing !== undefined)('corpus presets', () => {
  it('iscas89 comes from the 34 .bench originals', () => {
    const designs = CORPUS_PRESETS.iscas89();
    expect(designs).toHaveLength(34);
    expect(designs.every((d) => Object.keys(d.files)[0].endsWith('.aag') || d.unreadable)).toBe(true);
  });

  it('a library file is a design with its module as top and the library beside it', () => {
    const mux = CORPUS_PRESETS.small_rtl().find((d) => d.id === 'axis/axis_arb_mux')!;
    expect(mux.top).toBe('axis_arb_mux');
    expect(Object.keys(mux.files)).toEqual(expect.arrayContaining(['axis_arb_mux.v', 'arbiter.v', 'priority_encoder.v']));
  });

  it("IWLS'05 des is two designs, each variant's files read after the shared ones", () => {
    const des = CORPUS_PRESETS.iwls05().filter((d) => d.id.startsWith('iwls05/des_'));
    expect(des.map((d) => d.id)).toEqual(['iwls05/des_area', 'iwls05/des_perf']);
    const order = Object.keys(des[0].files);
    expect(order.filter((p) => p.startsWith('perf_opt/'))).toEqual([]);
    expect(order.indexOf('area_opt/crp.v')).toBeGreaterThan(order.indexOf('common/crp.v'));
  });
});

describe.skipIf(!native)('the recipe flow on awkward designs', () => {
  const run = (sources: Record<string, string>, top?: string) => runRecipes({ sources, top, recipes: [['balance']], backend: 'native', cache: false });

  it('a module defined again replaces the earlier definition (the file read last wins)', async () => {
    const first = 'module m(input [3:0] a, b, output [3:0] y);\n  assign y = a ^ b;\nendmodule\n';
    const last = 'module m(input [3:0] a, b, output [3:0] y);\n  assign y = a + b;\nendmodule\n';
    const xor = (await run({ 'a.v': first })).trajectories[0].steps[0].nodes;
    const add = (await run({ 'b.v': last })).trajectories[0].steps[0].nodes;
    expect(xor).not.toBe(add);
    expect((await run({ 'a.v': first, 'b.v': last }, 'm')).trajectories[0].steps[0].nodes).toBe(add);
  }, 60_000);

  it('a design with no logic is refused with a message, not a parse failure', async () => {
    await expect(run({ 'wire.v': 'module w(input clk, input d, output reg q);\n  always @(posedge clk) q <= d;\nendmodule\n' })).rejects.toThrow(/no combinational logic is left after synthesis/);
  }, 60_000);
});
