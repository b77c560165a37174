// More designs from one corpus design: its modules (each with what it instantiates) and parameter sweeps.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designSources, designText, listCorpus, moduleDesigns, parameterSweeps, rootModuleName, type CorpusDesign } from '../../../../models/qor/veridistill/training/index.ts';
import { ISCAS89_DFF, withBehaviouralFlops } from '../../../../models/qor/veridistill/training/corpus.ts';
import { elaborate, parseVerilog } from '../../../../eda/verilog/index.ts';
import { dataDir, missingData } from '../../../../util/index.ts';

const hier = `module leaf(input a, output b); assign b = ~a; endmodule
module mid(input a, output b); leaf u(.a(a), .b(b)); endmodule
module other(input a, output b); assign b = a; endmodule
module top(input a, output b); mid m(.a(a), .b(b)); endmodule
`;

describe('corpus variants', () => {
  it('takes as top the module no other instantiates (an ISCAS89 file declares its dff cell first)', () => {
    const iscas = `module dff (CK,Q,D);\ninput CK,D;\noutput Q;\nreg Q;\nalways @ (posedge CK)\n  Q <= D;\nendmodule\n\nmodule s27(CK,G0,G17);\ninput CK,G0;\noutput G17;\n  wire G5;\n  dff DFF_0(CK,G5,G0);\n  not NOT_1(G17,G5);\nendmodule\n`;
    expect(rootModuleName(iscas)).toBe('s27');
    expect(rootModuleName(hier)).toBe('top'); // 'other' is uninstantiated too; the last such wins
    expect(rootModuleName('// module fake(\nmodule a(); b u(); endmodule\nmodule b(); a v(); endmodule\n')).toBe('a');
  });

  it('gives ISCAS89 files whose flip-flop Yosys cannot read the behavioural dff, and leaves the others alone', () => {
    const switchLevel = 'module dff (CK,Q,D);\r\ninput CK,D;\r\noutput Q;\r\n  wire NM,NCK;\r\n  trireg NQ,M;\r\n  nmos N7 (M,D,NCK);\r\n  not P3 (NM,M);\r\n  nmos N9 (NQ,NM,CK);\r\n  not P5 (Q,NQ);\r\n  not P1 (NCK,CK);\r\nendmodule\r\n\r\nmodule s9(CK,G0,G1);\r\ninput CK,G0;\r\noutput G1;\r\n  wire G5;\r\n  dff DFF_0(CK,G5,G0);\r\n  not NOT_0(G1,G5);\r\nendmodule\r\n';
    const twoPort = 'module s8(G0,\n  G1);\ninput G0;\noutput G1;\n  wire G5,G6;\n  dff DFF_0(G5,G6);\n  dff DFF_1(G1, G5);\n  not NOT_0(G6,G0);\nendmodule\n';
    const design = (file: string, text: string, top: string): CorpusDesign => ({ id: `iscas/${top}`, family: 'iscas', files: [file], synthFiles: [file, 'sibling.v'], top, texts: { [file]: text } });
    const fixedSwitch = withBehaviouralFlops(design('s9.v', switchLevel, 's9'));
    expect(fixedSwitch.synthFiles).toEqual(['s9.v']);
    expect(fixedSwitch.texts!['s9.v']).toBe(ISCAS89_DFF + switchLevel.slice(switchLevel.indexOf('\r\nmodule s9')));
    const fixedTwo = withBehaviouralFlops(design('s8.v', twoPort, 's8')).texts!['s8.v'];
    expect(fixedTwo).toContain('module s8(CK,G0,');
    expect(fixedTwo).toContain('dff DFF_0(CK,G5,G6);');
    expect(fixedTwo).toContain('dff DFF_1(CK,G1, G5);');
    // The in-repo front-end elaborates both with their flip-flops as instances of the behavioural dff.
    for (const [text, top, flops] of [[fixedSwitch.texts!['s9.v'], 's9', 1], [fixedTwo, 's8', 2]] as const) {
      const parsed = parseVerilog(text, 'x.v');
      expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const el = elaborate([parsed.ast], { top });
      expect(el.tops[0].children.filter((c) => c.module === 'dff' && c.defined).length).toBe(flops);
      expect(el.tops[0].nets.find((n) => n.name === 'CK')?.kind).toBe('input');
    }
    const fine = design('s27.v', ISCAS89_DFF + 'module s27(CK,G0,G1);\ninput CK,G0;\noutput G1;\n  dff DFF_0(CK,G1,G0);\nendmodule\n', 's27');
    expect(withBehaviouralFlops(fine)).toBe(fine);
  });

  it('cuts every non-top module out with the modules it instantiates; synthesis reads the whole design', () => {
    const dir = mkdtempSync(join(tmpdir(), 'variants-'));
    writeFileSync(join(dir, 'h.v'), hier);
    const d: CorpusDesign = { id: 'fam/h', family: 'fam', files: [join(dir, 'h.v')], synthFiles: [join(dir, 'h.v')], top: 'top' };
    const mods = moduleDesigns(d);
    expect(mods.map((m) => m.id)).toEqual(['fam/h/leaf', 'fam/h/mid', 'fam/h/other']);
    expect(mods.every((m) => m.group === 'fam/h' && m.family === 'fam')).toBe(true);
    const mid = mods[1];
    expect(mid.top).toBe('mid');
    const text = designText(mid);
    expect(text).toContain('module leaf');
    expect(text).not.toContain('module other');
    expect(designSources(mid)).toEqual({ 'h.v': hier });
  });

  it('sweeps width/depth parameters one at a time and leaves other parameters alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweeps-'));
    const file = join(dir, 'fifo.v');
    writeFileSync(file, 'module fifo #(parameter DATA_WIDTH = 8, parameter DEPTH = 4, parameter MODE = 1) (input clk); endmodule\n');
    const d: CorpusDesign = { id: 'axis/fifo', family: 'axis', files: [file], synthFiles: [file], top: 'fifo' };
    const sweeps = parameterSweeps(d);
    expect(sweeps.map((s) => s.id)).toEqual(['axis/fifo@DATA_WIDTH=4', 'axis/fifo@DATA_WIDTH=16', 'axis/fifo@DATA_WIDTH=32', 'axis/fifo@DEPTH=2', 'axis/fifo@DEPTH=8', 'axis/fifo@DEPTH=16']);
    const text = designSources(sweeps[1])['fifo.v'];
    expect(text).toContain('DATA_WIDTH = 16');
    expect(text).toContain('DEPTH = 4');
    expect(designText(sweeps[1])).toContain('DATA_WIDTH = 16');
  });

  it.skipIf(missingData('lgsynth91_mcnc', 'pla', '5xp1.pla'))('lists the LGSynth91 FSMs and combinational netlists with their top declared in the text', () => {
    const lg = listCorpus(dataDir()!).filter((d) => d.family === 'lgsynth91');
    expect(lg.filter((d) => d.id.startsWith('lgsynth91/pla/')).length).toBeGreaterThan(30);
    expect(lg.some((d) => d.id === 'lgsynth91/dk14')).toBe(true);
    expect(lg.some((d) => /\/C\d+$/.test(d.id) || d.id === 'lgsynth91/blif/s27')).toBe(false); // ISCAS85 copies and sequential BLIF left out
    for (const d of lg) expect(designText(d)).toMatch(new RegExp(`module ${d.top}\\b`));
  });
});
