// Which files make up a multi-file corpus design and which of its modules synthesis reads, checked
// against Yosys itself: the labelling flow rejects what the corpus leaves out, and takes what it keeps.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary, runYosys } from '../../../../eda/synth/index.ts';
import { designSources, designText, distinctModules, listCorpus, moduleDesigns, type CorpusDesign } from '../../../../models/qor/veridistill/training/index.ts';
import { implementationFiles, perFolder, stopsSimulationOutsideInitial, withoutBenchFiles } from '../../../../models/qor/veridistill/training/corpus-folders.ts';
import { synthesizedModules } from '../../../../models/qor/veridistill/training/corpus-variants.ts';
import { labelSources } from '../../../../models/qor/veridistill/training/label-task.ts';
import type { NetlistGraph } from '../../../../models/qor/veridistill/training/netlist-graph.ts';
import { dataDir, missingData } from '../../../../util/index.ts';

const liberty = () => loadLibrary('sky130').text;
let corpus: CorpusDesign[] | undefined;
/** The shared data's corpus, listed once for the tests that need it. */
const listed = (family: string) => (corpus ??= listCorpus(dataDir()!)).filter((d) => d.family === family);
/** Flip-flops of a mapped netlist (sky130 `df*` and `edf*` cells). */
const flops = (g: NetlistGraph) => g.nodeType.filter((t) => /__e?df/.test(g.types[t])).length;
const label = (d: CorpusDesign) => labelSources({ sources: designSources(d), top: d.top, liberty: liberty(), backend: 'wasm', timeoutSeconds: 120 });

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-folder-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const leaf = 'module leaf(input clk, input [3:0] a, output reg [3:0] q); always @(posedge clk) q <= a + 4\'d1; endmodule\n';
const top = 'module top(input clk, input [3:0] a, output [3:0] q); leaf u(.clk(clk), .a(a), .q(q)); endmodule\n';
const cop = 'module cop(input clk, input err);\nalways @(posedge clk)\n  if (err) begin\n    $display("error");\n    $stop;\n  end\nendmodule\n';

describe('multi-file corpus designs', () => {
  it('knows simulation stops outside initial blocks, as Yosys refuses them', async () => {
    expect(stopsSimulationOutsideInitial(cop, 'cop.v')).toBe(true);
    const check = 'module m #(parameter W = 8) (input c);\ninitial if (W < 1) $finish;\nendmodule\n';
    expect(stopsSimulationOutsideInitial(check, 'm.v')).toBe(false);
    expect(stopsSimulationOutsideInitial('module m(input c); // $stop\nalways @(posedge c) ; endmodule\n', 'm.v')).toBe(false);
    // Yosys's verdict on the same texts.
    await expect(runYosys({ script: 'read_verilog cop.v\n', files: { 'cop.v': cop } })).rejects.toThrow(/\$stop' outside initial block/);
    await runYosys({ script: 'read_verilog m.v\nhierarchy -top m\n', files: { 'm.v': check } });
  });

  it('leaves out a bench file no design file instantiates, and the flow then labels the folder', async () => {
    const dir = folder({ 'core/top.v': top, 'core/leaf.v': leaf, 'core/cop.v': cop, 'kept/top.v': top.replace('endmodule', 'cop c(.clk(clk), .err(1\'b0));\nendmodule'), 'kept/leaf.v': leaf, 'kept/cop.v': cop });
    const [core, kept] = perFolder('fam', [dir], new Map([['core', 'top']]));
    expect(core.synthFiles.map((f) => f.slice(dir.length))).toEqual(['/core/leaf.v', '/core/top.v']);
    expect(designText(core)).not.toContain('$stop');
    expect(kept.synthFiles.length).toBe(3); // instantiated: part of the design, whatever Yosys says
    const labelled = await label(core);
    if (!labelled.ok) throw new Error(labelled.error);
    expect(labelled.top).toBe('top');
    expect(flops(labelled.graph)).toBe(4); // the leaf's register
    const withBench = await label({ ...core, synthFiles: [...core.synthFiles, join(dir, 'core/cop.v')] });
    expect(withBench.ok).toBe(false);
    expect(!withBench.ok && withBench.error).toMatch(/\$stop' outside initial block/);
    expect(withoutBenchFiles([join(dir, 'core/cop.v')], () => cop)).toEqual([]);
  });

  it('gives each implementation beside a common folder its own design, stubs replaced by the shared module', async () => {
    const stub = '//NOTE: no-implementation module stub\n\nmodule leaf (\n    output wire q,\n    input wire a\n);\nendmodule\n';
    const dir = folder({ 'core/common/leaf.v': leaf, 'core/small/leaf.v': stub, 'core/small/top.v': top, 'core/fast/top.v': top.replace('module top', 'module top2'), 'core/fast/only.v': stub.replace('leaf', 'only') });
    const designs = perFolder('fam', [dir], new Map());
    expect(designs.map((d) => [d.id, d.group])).toEqual([['fam/core/fast', 'fam/core'], ['fam/core/small', 'fam/core']]);
    const rel = (d: CorpusDesign) => d.synthFiles.map((f) => f.slice(dir.length));
    expect(rel(designs[1])).toEqual(['/core/small/top.v', '/core/common/leaf.v']);
    expect(rel(designs[0])).toEqual(['/core/fast/only.v', '/core/fast/top.v', '/core/common/leaf.v']); // a stub nothing replaces stays
    expect(implementationFiles(['s.v'], ['c.v'], (f) => (f === 's.v' ? stub : leaf))).toEqual(['c.v']);
    // Yosys: a stub read after the real module is a redefinition; the assembled design labels.
    await expect(runYosys({ script: 'read_verilog b.v a.v\n', files: { 'a.v': stub, 'b.v': leaf } })).rejects.toThrow(/Re-definition of module/);
    const labelled = await label({ ...designs[1], top: 'top' });
    if (!labelled.ok) throw new Error(labelled.error);
    expect(flops(labelled.graph)).toBe(4);
    // The modules both implementations cut out of `common` come once.
    const once = distinctModules();
    const modules = designs.flatMap((d) => moduleDesigns(d)).filter(once);
    expect(modules.filter((m) => m.top === 'leaf').length).toBe(1);
  });

  it('lists as module designs exactly the modules Yosys reads (not translate_off, not inactive ifdef branches)', async () => {
    const defines = '`define FAST\n';
    const body = [
      'module a(input x, output y); assign y = ~x; endmodule',
      '`ifdef FAST\nmodule b(input x, output y); a u(.x(x), .y(y)); endmodule\n`else\nmodule c(input x, output y); assign y = x; endmodule\n`endif',
      '`ifdef SLOW\nmodule d(input x, output y); assign y = x; endmodule\n`endif',
      '// synopsys translate_off\nmodule e(input x, output y); assign y = x; endmodule\n// synopsys translate_on',
      '/* synthesis translate_off */\nmodule f(input x, output y); assign y = x; endmodule\n/* synthesis translate_on */',
      'module g(input x, output y); b u(.x(x), .y(y)); endmodule',
    ].join('\n');
    const dir = folder({ 'defs.v': defines, 'body.v': body });
    const d: CorpusDesign = { id: 'fam/x', family: 'fam', files: [join(dir, 'defs.v'), join(dir, 'body.v')], synthFiles: [join(dir, 'defs.v'), join(dir, 'body.v')], top: 'g' };
    const listed = synthesizedModules(d)!;
    expect([...listed].sort()).toEqual(['a', 'b', 'g']);
    expect(moduleDesigns(d).map((m) => m.top)).toEqual(['a', 'b']);
    // Yosys finds exactly those when each declared module is the top.
    const found: string[] = [];
    for (const m of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) {
      try {
        await runYosys({ script: `read_verilog defs.v body.v\nhierarchy -check -top ${m}\n`, files: { 'defs.v': defines, 'body.v': body } });
        found.push(m);
      } catch (e) {
        expect((e as Error).message).toMatch(/not found/);
      }
    }
    expect(found).toEqual(['a', 'b', 'g']);
  });

  it.skipIf(missingData('rtl', 'iwls05_opencores', 'permissive', 'des', 'common', 'crp.v'))('assembles iwls05 des and ethernet so that the labelling flow takes them', async () => {
    const iwls = listed('iwls05');
    const des = iwls.filter((d) => d.id.startsWith('iwls05/des'));
    expect(des.map((d) => d.id)).toEqual(['iwls05/des/area_opt', 'iwls05/des/perf_opt']);
    for (const d of des) expect(d.synthFiles.filter((f) => f.endsWith('/crp.v')).map((f) => f.split('/').at(-2))).toEqual(['common']);
    const ethernet = iwls.find((d) => d.id === 'iwls05/ethernet')!;
    expect(ethernet.synthFiles.some((f) => f.endsWith('eth_cop.v'))).toBe(false);
    expect(moduleDesigns(ethernet).some((m) => m.top === 'eth_cop')).toBe(false);
    // The DES round (crp and its eight S-boxes), synthesized from the area implementation's files.
    const crp = moduleDesigns(des[0]).find((m) => m.top === 'crp')!;
    const labelled = await label(crp);
    if (!labelled.ok) throw new Error(labelled.error);
    expect(labelled.areaUm2).toBeGreaterThan(1000);
    // An ethernet module, read with every file of the core as before (the bench file aside).
    const crc = moduleDesigns(ethernet).find((m) => m.top === 'eth_crc')!;
    const ethLabel = await label(crc);
    if (!ethLabel.ok) throw new Error(ethLabel.error);
    expect(flops(ethLabel.graph)).toBe(32); // the 32-bit CRC register
    const fpu = iwls.find((d) => d.id === 'iwls05/fpu')!;
    expect(moduleDesigns(fpu).map((m) => m.top).filter((m) => /^delay/.test(m ?? ''))).toEqual([]);
  }, 120_000);

  it.skipIf(missingData('rtl', 'openlane_designs', 'permissive', 'sound', 'sound.v'))('assembles openlane jpeg_encoder, aes_core and sound\'s memory-free modules as the flow takes them', async () => {
    const openlane = listed('openlane');
    const jpeg = openlane.find((d) => d.id === 'openlane/jpeg_encoder')!;
    expect(jpeg.synthFiles.map((f) => f.split('/').at(-1))).toEqual(['dct_cos_table.v', 'jpeg.v']);
    expect(openlane.some((d) => d.id === 'openlane/aes_core')).toBe(false); // the same file as openlane/aes
    expect(moduleDesigns(openlane.find((d) => d.id === 'openlane/aes')!).some((m) => m.top === 'aes_core')).toBe(true);
    const zigzag = await label(moduleDesigns(jpeg).find((m) => m.top === 'zigzag')!);
    if (!zigzag.ok) throw new Error(zigzag.error);
    const sound = moduleDesigns(openlane.find((d) => d.id === 'openlane/sound')!);
    const mult = sound.find((m) => m.top === 'simple_mult')!;
    expect(Object.keys(designSources(mult))).toEqual(['simple_mult.v']);
    expect(sound.find((m) => m.top === 'simple_rom_0')!.synthFiles[0]).toMatch(/sound\.v$/); // needs its ROM file: fails, as it must
    const alone = await label(mult);
    if (!alone.ok) throw new Error(alone.error);
    const whole = await label({ ...mult, synthFiles: openlane.find((d) => d.id === 'openlane/sound')!.synthFiles });
    expect(!whole.ok && whole.error).toMatch(/Can not open file .*\.hex/);
    // Where the whole file synthesizes (genericfir: its load sits in a generate branch not taken),
    // the module read alone gives the label the whole file gives.
    const firtap = moduleDesigns(openlane.find((d) => d.id === 'openlane/genericfir')!).find((m) => m.top === 'firtap')!;
    const [cut, full] = [await label(firtap), await label({ ...firtap, synthFiles: openlane.find((d) => d.id === 'openlane/genericfir')!.synthFiles })];
    if (!cut.ok || !full.ok) throw new Error('firtap did not synthesize');
    expect([cut.areaUm2, cut.delayPs, cut.cells]).toEqual([full.areaUm2, full.delayPs, full.cells]);
  }, 180_000);
});
