// The shipped default cell library: present without the benchmark data, byte-identical to the file
// its README names, and what `tessera synth` maps to when no --liberty is given.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { DEFAULT_LIBRARY, libraryFile, loadLibrary } from '../../../eda/synth/index.ts';
import { projectRoot } from '../../../util/index.ts';
import { captureConsole } from '../../helpers/console-capture.ts';

const { out } = captureConsole();

describe('shipped cell library', () => {
  it('sky130_fd_sc_hd typical ships with its licence and is the default', () => {
    expect(DEFAULT_LIBRARY).toBe('sky130');
    const dir = join(projectRoot(), 'share', 'liberty', 'sky130_fd_sc_hd');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const sha = createHash('sha256').update(readFileSync(libraryFile('sky130'))).digest('hex');
    expect(readme).toContain(sha);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
    const lib = loadLibrary();
    expect(lib.name).toBe('sky130');
    expect(lib.text).toMatch(/library \("sky130_fd_sc_hd__tt_025C_1v80"\)/);
  });

  it('tessera synth maps to it by default: an inverter costs the Liberty area of the smallest inverter ABC picks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cell-library-'));
    const file = join(dir, 'inv.v');
    writeFileSync(file, 'module inv(input a, output y); assign y = ~a; endmodule\n');
    const json = join(dir, 'inv.json');
    expect(await main(['synth', file, '--top', 'inv', '--json', json, '--no-cache'])).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    const [[cell, count]] = Object.entries(r.mapped.cellsByType as Record<string, number>);
    expect(count).toBe(1);
    expect(cell).toMatch(/^sky130_fd_sc_hd__(clk)?inv_/);
    // The area the Liberty file itself gives that cell.
    const text = loadLibrary().text;
    const area = Number(new RegExp(`cell \\("${cell}"\\)[\\s\\S]*?area\\s*:\\s*([\\d.]+)`).exec(text)![1]);
    expect(r.mapped.area).toBeCloseTo(area, 6);
    expect(out.join('\n')).toContain('mapped cells: 1');
  });

  it('nangate45 by name needs the data folder, and says so', () => {
    const saved = process.env.TESSERA_DATA;
    process.env.TESSERA_DATA = '/nonexistent-tessera-data';
    try {
      expect(() => libraryFile('nangate45')).toThrow(/benchmark data folder was not found/);
    } finally {
      if (saved === undefined) delete process.env.TESSERA_DATA;
      else process.env.TESSERA_DATA = saved;
    }
  });
});
