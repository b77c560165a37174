// More designs from one corpus design: its modules (each with what it instantiates) and parameter sweeps.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designSources, designText, listCorpus, moduleDesigns, parameterSweeps, rootModuleName, type CorpusDesign } from '../../../../models/qor/veridistill/index.ts';
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
