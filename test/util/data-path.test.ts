// Without the data folder, a command that needs it stops with one line naming TESSERA_DATA, the
// part of the data it needed and, where a flag can replace that default, the flag. Also: sizes
// that could only exhaust memory are refused before any work.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataPath, dataPathOr, isUserError } from '../../util/index.ts';
import { main } from '../../cli/main.ts';
import { captureConsole } from '../helpers/console-capture.ts';

const { err } = captureConsole();
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.TESSERA_DATA;
  process.env.TESSERA_DATA = '/nonexistent/tessera-data';
});
afterEach(() => {
  if (saved === undefined) delete process.env.TESSERA_DATA;
  else process.env.TESSERA_DATA = saved;
});

const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('the data folder, missing', () => {
  it('dataPath names TESSERA_DATA and what it needed; dataPathOr names the replacing flag first', () => {
    const plain = thrown(() => dataPath('liberty', 'nangate45', 'x.lib.gz'));
    expect(plain.where).toBe('TESSERA_DATA');
    expect(plain.message).toContain('liberty/nangate45/x.lib.gz');
    expect(plain.fix).toMatch(/^set TESSERA_DATA .*\.\.\/shared\/data/);
    const withFlag = thrown(() => dataPathOr('--liberty FILE', 'liberty', 'nangate45', 'x.lib.gz'));
    expect(withFlag.fix).toMatch(/^give --liberty FILE, or set TESSERA_DATA/);
  });

  it('a library that needs the data says so in one line with the flag', async () => {
    expect(await main(['dataset', 'build', '--corpus', 'test/eda/synth/fixtures', '--liberty', 'nangate45', '--out', '/nonexistent/x.jsonl'])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/TESSERA_DATA: the benchmark data folder was not found \(needed for liberty\/nangate45\/nangate45_typ.lib.gz\) \(give --liberty sky130 or --liberty FILE, or set TESSERA_DATA/);
  });
});

describe('a default model from the data folder', () => {
  it('study mixpe says it is missing before any work (no progress printed)', async () => {
    expect(await main(['study', 'mixpe', '--out', '/nonexistent/study'])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/needed for models\/stories260K_plct\/stories260K.bin\) \(give --model FILE \(a llama2.c checkpoint\) or --cost-model official/);
    expect(process.stderr.write).not.toHaveBeenCalled();
  });
});

describe('a library from the data folder', () => {
  it('flow says it is missing in one line before writing anything', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tessera-flow-')), 'flow');
    expect(await main(['flow', '--out', out])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/TESSERA_DATA: the benchmark data folder was not found \(needed for liberty\/sky130_fd_sc_hd\/sky130hd_tt.lib.gz\)/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('dataset build sizes', () => {
  it('huge recipe counts are refused in one line before any work', async () => {
    expect(await main(['dataset', 'build', '--corpus', 'test/eda/synth/fixtures', '--liberty', 'none', '--recipes', '1000000000', '--out', '/nonexistent/x.jsonl'])).toBe(1);
    expect(await main(['dataset', 'build', '--corpus', 'test/eda/synth/fixtures', '--liberty', 'none', '--recipe-length', '100000', '--out', '/nonexistent/x.jsonl'])).toBe(1);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(/--recipes: 1000000000 recipes per design is more than 100000/);
    expect(err[1]).toMatch(/--recipe-length: 100000 steps per recipe is more than 1000/);
  });
});
